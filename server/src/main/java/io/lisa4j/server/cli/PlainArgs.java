package io.lisa4j.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.Annotation;
import java.lang.classfile.AnnotationElement;
import java.lang.classfile.AnnotationValue;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.FieldModel;
import java.lang.classfile.attribute.RuntimeVisibleAnnotationsAttribute;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A command line read into a command's {@link Option} and {@link Mixin} fields without picocli's
 * model, which the daemon's start cannot afford: picocli builds every command's full model before
 * it parses anything, and its classes (compiled for Java 5) stay out of a JDK AOT cache, so that
 * alone took longer than the rest of the start. The flags are the fields and annotations picocli
 * reads, so each is defined once.
 *
 * <p>Only plain command lines are read: {@code --flag VALUE}, {@code --flag=VALUE}, a boolean
 * {@code --flag} (and {@code --no-flag} where negatable), repeatable list flags, decimal numbers.
 * Anything else (help or version, an unknown or repeated flag, a positional argument, an
 * {@code @file}, {@code --}, a value that starts with a dash or is not a plain number, a field type
 * not listed here, an option with attributes beyond its names, label, description and negation)
 * makes {@link #read} return false, and the caller gives the command line to picocli, which reads
 * or rejects it as it always did.
 */
final class PlainArgs {
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,17}");
    private static final String OPTION = Option.class.descriptorString();
    private static final String MIXIN = Mixin.class.descriptorString();

    /**
     * The {@link Option} attributes read here; any other (a default value, an arity, a converter,
     * a split) changes what picocli would do with the flag, so an option using one is left to it.
     */
    private static final Set<String> PLAIN_ATTRIBUTES = Set.of("names", "paramLabel", "description", "negatable");

    private final Map<String, Target> byName = new HashMap<>();
    private boolean plain = true;

    private PlainArgs(Object command) {
        collect(command);
    }

    /** Sets {@code command}'s fields from {@code args} (the command's own, after its name); false if not plain. */
    static boolean read(Object command, List<String> args) {
        return new PlainArgs(command).read(args);
    }

    private record Target(Object owner, Field field, boolean negatable) {
        boolean isSwitch() {
            return field.getType() == boolean.class || field.getType() == Boolean.class;
        }

        boolean isList() {
            return field.getType() == List.class;
        }
    }

    /**
     * Reads the annotations from the class file rather than through reflection, which would make a
     * proxy class for each annotation type and load picocli's classes to resolve their defaults.
     */
    private void collect(Object owner) {
        Class<?> type = owner.getClass();
        String file = type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class";
        ClassModel model;
        try (InputStream in = type.getResourceAsStream(file)) {
            if (in == null) {
                throw new IOException("not found");
            }
            model = ClassFile.of().parse(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        for (FieldModel field : model.fields()) {
            for (Annotation annotation : field.findAttribute(Attributes.runtimeVisibleAnnotations())
                    .map(RuntimeVisibleAnnotationsAttribute::annotations).orElse(List.of())) {
                String annotationType = annotation.className().stringValue();
                if (annotationType.equals(OPTION)) {
                    plain &= annotation.elements().stream()
                            .allMatch(e -> PLAIN_ATTRIBUTES.contains(e.name().stringValue()));
                    Target target = new Target(owner, field(type, field), booleanElement(annotation, "negatable"));
                    for (String name : stringsElement(annotation, "names")) {
                        byName.put(name, target);
                    }
                } else if (annotationType.equals(MIXIN)) {
                    try {
                        collect(field(type, field).get(owner));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
    }

    private static Field field(Class<?> type, FieldModel field) {
        try {
            return type.getDeclaredField(field.fieldName().stringValue());
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean booleanElement(Annotation annotation, String name) {
        return annotation.elements().stream().filter(e -> e.name().equalsString(name))
                .anyMatch(e -> e.value() instanceof AnnotationValue.OfBoolean b && b.booleanValue());
    }

    private static List<String> stringsElement(Annotation annotation, String name) {
        List<String> values = new ArrayList<>();
        for (AnnotationElement e : annotation.elements()) {
            if (e.name().equalsString(name) && e.value() instanceof AnnotationValue.OfArray array) {
                for (AnnotationValue v : array.values()) {
                    if (v instanceof AnnotationValue.OfString string) {
                        values.add(string.stringValue());
                    }
                }
            }
        }
        return values;
    }

    private boolean read(List<String> args) {
        if (!plain) {
            return false;
        }
        Set<Field> given = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            String value = eq > 0 ? arg.substring(eq + 1) : null;
            Target target = byName.get(name);
            boolean negated = false;
            if (target == null && name.startsWith("--no-")) {
                target = byName.get("--" + name.substring("--no-".length()));
                negated = true;
                if (target == null || !target.negatable()) {
                    return false;
                }
            }
            if (target == null) {
                return false;
            }
            if (!target.isList() && !given.add(target.field())) {
                return false;
            }
            try {
                if (target.isSwitch()) {
                    if (value != null) {
                        return false;
                    }
                    target.field().set(target.owner(), !negated);
                    continue;
                }
                if (negated) {
                    return false;
                }
                if (value == null) {
                    if (++i == args.size()) {
                        return false;
                    }
                    value = args.get(i);
                }
                if (value.startsWith("-") || value.startsWith("@") || !set(target, value)) {
                    return false;
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static boolean set(Target target, String value) throws IllegalAccessException {
        Field field = target.field();
        if (target.isList()) {
            Type type = field.getGenericType();
            if (!(type instanceof ParameterizedType p) || !(p.getActualTypeArguments()[0] instanceof Class<?> element)) {
                return false;
            }
            Object converted = convert(element, value);
            if (converted == null) {
                return false;
            }
            ((List<Object>) field.get(target.owner())).add(converted);
            return true;
        }
        Object converted = convert(field.getType(), value);
        if (converted == null) {
            return false;
        }
        field.set(target.owner(), converted);
        return true;
    }

    /** {@code value} as {@code type}, as picocli's built-in converters make it; null if not plain. */
    private static Object convert(Class<?> type, String value) {
        if (type == String.class) {
            return value;
        }
        if (type == Path.class) {
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                return null;
            }
        }
        if (!DECIMAL.matcher(value).matches()) {
            return null;
        }
        long n = Long.parseLong(value);
        if (type == Long.class || type == long.class) {
            return n;
        }
        if ((type == Integer.class || type == int.class) && n <= Integer.MAX_VALUE) {
            return (int) n;
        }
        return null;
    }
}
