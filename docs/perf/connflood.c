/*
 * A connect/close flood from one loopback address, as fast as one core allows: INFLIGHT non-blocking connects at
 * once (a connect whose SYN the kernel dropped does not hold the others up); each one closed as soon as it is
 * established, and replaced; until COUNT connections or SECONDS have passed, whichever comes first. Loopback only
 * (the target must be in 127.0.0.0/8). Prints what it did: connections made, failed connects, and the rate.
 *
 *   gcc -O2 -o connflood docs/perf/connflood.c
 *   taskset -c 0 ./connflood 127.0.0.1 8008 200000 20 64
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static int open_connect(const struct sockaddr_in *source, const struct sockaddr_in *target) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        perror("connflood: socket");
        exit(1);
    }
    if (bind(fd, (const struct sockaddr *) source, sizeof *source) != 0
            || (connect(fd, (const struct sockaddr *) target, sizeof *target) != 0 && errno != EINPROGRESS)) {
        close(fd);
        return -1;
    }
    return fd;
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: connflood HOST PORT COUNT SECONDS INFLIGHT (HOST on loopback: 127.x.y.z)\n");
        return 2;
    }
    struct sockaddr_in target = {.sin_family = AF_INET, .sin_port = htons((unsigned short) atoi(argv[2]))};
    if (inet_pton(AF_INET, argv[1], &target.sin_addr) != 1 || (ntohl(target.sin_addr.s_addr) >> 24) != 127) {
        fprintf(stderr, "connflood: %s is not a loopback IPv4 address\n", argv[1]);
        return 2;
    }
    long count = atol(argv[3]);
    double seconds = atof(argv[4]);
    int inflight = atoi(argv[5]);
    if (count <= 0 || count > 10000000 || seconds <= 0 || seconds > 600 || inflight < 1 || inflight > 1024) {
        fprintf(stderr, "connflood: COUNT in 1..10000000, SECONDS in (0, 600], INFLIGHT in 1..1024\n");
        return 2;
    }
    struct sockaddr_in source = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    struct pollfd fds[1024];
    double start = now(), end = start + seconds;
    long made = 0, failed = 0, begun = 0;
    for (int i = 0; i < inflight; i++) {
        fds[i].fd = begun < count ? open_connect(&source, &target) : -1;
        fds[i].events = POLLOUT;
        begun++;
    }
    while (now() < end) {
        int ready = poll(fds, inflight, 100);
        if (ready < 0 && errno != EINTR) {
            perror("connflood: poll");
            return 1;
        }
        int open = 0;
        for (int i = 0; i < inflight; i++) {
            if (fds[i].fd >= 0 && fds[i].revents) {
                int error = 0;
                socklen_t length = sizeof error;
                getsockopt(fds[i].fd, SOL_SOCKET, SO_ERROR, &error, &length);
                if (error == 0 && (fds[i].revents & POLLOUT)) {
                    made++;
                } else {
                    failed++;
                }
                close(fds[i].fd);
                fds[i].fd = -1;
            }
            if (fds[i].fd < 0 && begun < count) {
                fds[i].fd = open_connect(&source, &target);
                begun++;
                if (fds[i].fd < 0) {
                    failed++;
                }
            }
            fds[i].revents = 0;
            open += fds[i].fd >= 0;
        }
        if (open == 0) {
            break;
        }
    }
    for (int i = 0; i < inflight; i++) {
        if (fds[i].fd >= 0) {
            close(fds[i].fd);
        }
    }
    double took = now() - start;
    printf("connflood: %ld connections, %ld failed connects, %.1f s, %.0f connects/s\n", made, failed, took,
           made / took);
    return 0;
}
