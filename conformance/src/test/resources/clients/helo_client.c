/* A correct HELO client in C, for the checker's tests: every command once, each reply read before the next request,
 * then it closes. The port comes from HELO_PORT (the checker sets it), 8008 otherwise. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void) {
    const char *port = getenv("HELO_PORT");
    char host[256] = "";
    gethostname(host, sizeof host - 1);
    char helo[300];
    snprintf(helo, sizeof helo, "HELO %s", host);
    const char *commands[] = {helo, "REQTIME", "REQDATE", "ECHO this is some random text.", "REQIP", "BYE"};
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in server = {.sin_family = AF_INET, .sin_port = htons(port ? atoi(port) : 8008),
                                 .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (fd < 0 || connect(fd, (struct sockaddr *) &server, sizeof server) < 0) {
        perror("connect");
        return 1;
    }
    FILE *replies = fdopen(dup(fd), "r");
    char reply[1100];
    for (int i = 0; i < 6; i++) {
        char request[400];
        int n = snprintf(request, sizeof request, "%s\r\n", commands[i]);
        if (write(fd, request, n) != n || !fgets(reply, sizeof reply, replies)) {
            fprintf(stderr, "no reply to %s\n", commands[i]);
            return 1;
        }
        reply[strcspn(reply, "\r\n")] = '\0';
        printf("> %s\n< %s\n", commands[i], reply);
    }
    close(fd);
    fclose(replies);
    return 0;
}
