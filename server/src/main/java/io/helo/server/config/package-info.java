/**
 * The server's settings, grouped by concern, each group a table of {@link io.helo.server.config.Setting}s: its
 * command line name, default, range and help, declared once. {@code ServerConfig}'s builder takes them ({@code
 * set(Limits.MAX_ERRORS, 3)}), its validation checks each against its row, the command line makes an option of each,
 * and a test checks the README's tables against them. A setting's constant is named as its option: {@code
 * --max-connections} is {@link io.helo.server.config.Connections#MAX_CONNECTIONS}.
 */
package io.helo.server.config;
