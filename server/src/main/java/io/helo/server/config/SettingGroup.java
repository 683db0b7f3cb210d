package io.helo.server.config;

import java.util.List;
import java.util.function.Consumer;

/**
 * A group of settings by concern: its heading, its table (the order the help and the README list them in), and the
 * rules that tie its settings together.
 *
 * @param heading the group's name, as the README's heading
 * @param settings the group's table
 * @param rules checks the group's settings together, throwing {@link IllegalArgumentException}; nothing for most
 */
public record SettingGroup(String heading, List<Setting<?>> settings, Consumer<SettingValues> rules) {
    /**
     * A group whose settings stand each on its own.
     *
     * @param heading the group's name
     * @param settings the group's table
     */
    public SettingGroup(String heading, List<Setting<?>> settings) {
        this(heading, settings, values -> { });
    }

    /**
     * Checks every setting of the group against its range, then the group's rules.
     *
     * @param values the values to check
     * @throws IllegalArgumentException naming the option whose value is wrong
     */
    public void check(SettingValues values) {
        for (Setting<?> setting : settings) {
            checkOne(setting, values);
        }
        rules.accept(values);
    }

    private static <T> void checkOne(Setting<T> setting, SettingValues values) {
        setting.check(values.get(setting));
    }
}
