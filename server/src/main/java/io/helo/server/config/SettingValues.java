package io.helo.server.config;

/** Where the value of each setting can be read: a server's configuration. */
public interface SettingValues {
    /**
     * The value of {@code setting}: the one set, or its default.
     *
     * @param <T> the type of its value
     * @param setting any setting of the server's groups
     * @return its value, null for an option that is off
     */
    <T> T get(Setting<T> setting);
}
