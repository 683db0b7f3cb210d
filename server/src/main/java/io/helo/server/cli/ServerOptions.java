package io.helo.server.cli;

import io.helo.server.ServerConfig;
import io.helo.server.ServerConfigBuilder;
import io.helo.server.config.ServerSettings;
import io.helo.server.config.Setting;
import io.helo.server.config.SettingGroup;
import io.helo.server.config.Syntax;
import java.util.Collection;
import java.util.function.Function;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * The server's command line options: one for each setting of the groups of {@link ServerSettings}, in their order,
 * with the setting's names, label, help and default (which {@code --help} shows). Nothing is declared here.
 */
final class ServerOptions {
    private ServerOptions() {
    }

    /** Adds an option for every setting to {@code spec}, then {@code --help} and {@code --version}. */
    static void addTo(CommandSpec spec) {
        for (SettingGroup group : ServerSettings.GROUPS) {
            for (Setting<?> setting : group.settings()) {
                spec.addOption(option(setting));
            }
        }
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
    }

    /**
     * The configuration the parsed options of {@code spec} describe; host names are resolved here, once.
     *
     * @throws IllegalArgumentException if a value is out of range or names an unknown host, saying which
     */
    static ServerConfig toConfig(CommandSpec spec) {
        ServerConfigBuilder builder = ServerConfig.builder();
        for (SettingGroup group : ServerSettings.GROUPS) {
            for (Setting<?> setting : group.settings()) {
                set(builder, setting, spec.findOption(setting.name()).getValue());
            }
        }
        return builder.build();
    }

    private static <T> void set(ServerConfigBuilder builder, Setting<T> setting, Object parsed) {
        builder.set(setting, setting.fromCommandLine(parsed));
    }

    private static <T> OptionSpec option(Setting<T> setting) {
        Syntax<T> syntax = setting.syntax();
        OptionSpec.Builder option = OptionSpec.builder(setting.names().toArray(String[]::new))
                .type(syntax.type()).description(setting.help());
        if (setting.label() != null) {
            option.paramLabel(setting.label());
        }
        if (syntax.repeatable()) {
            option.auxiliaryTypes(String.class);
        }
        String shown = shownDefault(setting);
        if (shown == null) {
            option.showDefaultValue(Visibility.NEVER);
        } else {
            option.defaultValue(shown);
        }
        if (syntax.converter() != null) {
            option.converters(converter(syntax.converter()));
        }
        return option.build();
    }

    /** The default as the command line writes it; null where there is none to show (off, none, a flag). */
    private static <T> String shownDefault(Setting<T> setting) {
        T value = setting.defaultValue();
        boolean none = value == null || value instanceof Collection<?> values && values.isEmpty()
                || setting.syntax().type() == boolean.class;
        return none ? null : setting.syntax().show(value);
    }

    private static ITypeConverter<Object> converter(Function<String, Object> convert) {
        return text -> {
            try {
                return convert.apply(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        };
    }
}
