/* HELO server, as a student writes it in C: a thread per client, one recv() per command, replies end with
 * CR LF. The port is 8008 (or HELO_PORT, when the checker sets it). */
#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct session {
    int fd;
    int greeted;
    char address[INET6_ADDRSTRLEN];
};

static void reply(struct session *s, const char *text, size_t n) {
    char out[70000];
    if (n > sizeof out - 2) {
        n = sizeof out - 2;
    }
    memcpy(out, text, n);
    memcpy(out + n, "\r\n", 2);
    send(s->fd, out, n + 2, MSG_NOSIGNAL);
}

static void reply_text(struct session *s, const char *text) {
    reply(s, text, strlen(text));
}

/* C0 controls but TAB, DEL, and the C1 controls (0xC2 0x80 to 0xC2 0x9F in UTF-8) are not allowed */
static int has_control(const unsigned char *line, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if ((line[i] < 0x20 && line[i] != '\t') || line[i] == 0x7f) {
            return 1;
        }
        if (line[i] == 0xc2 && i + 1 < n && line[i + 1] >= 0x80 && line[i + 1] <= 0x9f) {
            return 1;
        }
    }
    return 0;
}

/* Answers one request line (without its line end); returns 1 after BYE. */
static int answer(struct session *s, const char *line, size_t n) {
    const char *space = memchr(line, ' ', n);
    size_t word = space ? (size_t) (space - line) : n;
    const char *argument = space ? space + 1 : line + n;
    size_t argument_length = space ? n - word - 1 : 0;
    char command[16] = "";
    if (word < sizeof command) {
        for (size_t i = 0; i < word; i++) {
            command[i] = (char) toupper((unsigned char) line[i]);
        }
        command[word] = '\0';
    }
    if (strcmp(command, "BYE") == 0) {
        reply_text(s, "See ya later");
        printf("%s said BYE\n", s->address);
        return 1;
    }
    if (has_control((const unsigned char *) line, n)) {
        reply_text(s, "ERR bad-character control character in request");
        return 0;
    }
    if (strcmp(command, "HELO") == 0 && argument_length > 0) {
        char greeting[70000];
        int length = snprintf(greeting, sizeof greeting, "Hello %.*s, pleased to meet you.", (int) argument_length,
                argument);
        s->greeted = 1;
        reply(s, greeting, (size_t) length < sizeof greeting ? (size_t) length : sizeof greeting - 1);
        return 0;
    }
    int known = strcmp(command, "REQTIME") == 0 || strcmp(command, "REQDATE") == 0 || strcmp(command, "ECHO") == 0
            || strcmp(command, "REQIP") == 0;
    if (known && !s->greeted) {
        reply_text(s, "ERR helo-required say HELO first");
        return 0;
    }
    time_t now = time(NULL);
    struct tm local;
    localtime_r(&now, &local);
    char text[32];
    if (strcmp(command, "REQTIME") == 0) {
        strftime(text, sizeof text, "%H:%M:%S", &local);
        reply_text(s, text);
    } else if (strcmp(command, "REQDATE") == 0) {
        strftime(text, sizeof text, "%Y-%m-%d", &local);
        reply_text(s, text);
    } else if (strcmp(command, "ECHO") == 0) {
        reply(s, argument, argument_length);
    } else if (strcmp(command, "REQIP") == 0) {
        reply_text(s, s->address);
    } else {
        reply_text(s, "ERR unknown-command unknown command");
    }
    return 0;
}

static void *serve(void *argument) {
    struct session *s = argument;
    char buffer[1024];
    for (;;) {
        /* one recv() is one command */
        ssize_t got = recv(s->fd, buffer, sizeof buffer - 1, 0);
        if (got <= 0) {
            break;
        }
        buffer[got] = '\0';
        size_t n = strcspn(buffer, "\r\n");
        if (answer(s, buffer, n)) {
            break;
        }
    }
    printf("%s disconnected\n", s->address);
    close(s->fd);
    free(s);
    return NULL;
}

int main(void) {
    const char *configured = getenv("HELO_PORT");
    int port = configured ? atoi(configured) : 8008;
    setvbuf(stdout, NULL, _IOLBF, 0);
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    int on = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((unsigned short) port)};
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *) &address, sizeof address) < 0 || listen(listener, 128) < 0) {
        perror("cannot listen");
        return 1;
    }
    printf("listening on port %d\n", port);
    for (;;) {
        struct sockaddr_in peer;
        socklen_t size = sizeof peer;
        int fd = accept(listener, (struct sockaddr *) &peer, &size);
        if (fd < 0) {
            continue;
        }
        struct session *s = calloc(1, sizeof *s);
        s->fd = fd;
        inet_ntop(AF_INET, &peer.sin_addr, s->address, sizeof s->address);
        printf("client connected from %s\n", s->address);
        pthread_t thread;
        pthread_create(&thread, NULL, serve, s);
        pthread_detach(thread);
    }
}
