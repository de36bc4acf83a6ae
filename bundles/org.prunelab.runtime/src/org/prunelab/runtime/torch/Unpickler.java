package org.prunelab.runtime.torch;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subset of Python's pickle protocol (2 to 4) that PyTorch archives use. Objects become Java
 * values: dicts {@link LinkedHashMap}, tuples and lists {@link List}, module objects {@link PyObject},
 * tensors {@link TensorRef}. Nothing is executed: unknown callables become {@link Reduced} values.
 * <p>
 * The input is untrusted: every operand is type-checked, every length checked against what is left, so
 * a corrupt pickle ends in an {@link IOException} saying where, never in a runtime exception.
 */
final class Unpickler {

    /** A global name, {@code module.name}. */
    record Global(String module, String name) {
    }

    /** An object made by NEWOBJ and filled by BUILD. */
    record PyObject(Global type, Map<Object, Object> attributes) {
    }

    /** A callable applied to arguments that is not understood here. */
    record Reduced(Object callable, Object arguments) {
    }

    /** A storage referenced by a persistent id: ("storage", type, key, location, size). */
    record StorageRef(String type, String key, long size) {
    }

    /** A tensor: a view of a storage. */
    record TensorRef(StorageRef storage, long offset, long[] shape, long[] stride) {
    }

    /** Python's None. */
    static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    private static final Object MARK = new Object();

    private final ByteBuffer in;
    private final Deque<Object> stack = new ArrayDeque<>();
    private final Map<Integer, Object> memo = new HashMap<>();
    /** Where the current opcode starts, for messages. */
    private int at;

    Unpickler(byte[] data) {
        this.in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    Object load() throws IOException {
        try {
            while (true) {
                at = in.position();
                int op = in.get() & 0xff;
                switch (op) {
                    case 0x80 -> in.get(); // PROTO
                    case 0x95 -> in.getLong(); // FRAME
                    case '.' -> {
                        return pop();
                    }
                    case 'c' -> push(new Global(line(), line()));
                    case 0x93 -> { // STACK_GLOBAL
                        String name = pop(String.class, "a global's name");
                        push(new Global(pop(String.class, "a global's module"), name));
                    }
                    case 'q' -> memo.put(in.get() & 0xff, peek());
                    case 'r' -> memo.put(in.getInt(), peek());
                    case 0x94 -> memo.put(memo.size(), peek()); // MEMOIZE
                    case 'h' -> push(memo(in.get() & 0xff));
                    case 'j' -> push(memo(in.getInt()));
                    case '(' -> stack.push(MARK);
                    case ')' -> push(List.of());
                    case 't' -> push(Collections.unmodifiableList(popToMark()));
                    case 0x85 -> push(List.of(pop()));
                    case 0x86 -> {
                        Object b = pop();
                        push(List.of(pop(), b));
                    }
                    case 0x87 -> {
                        Object c = pop();
                        Object b = pop();
                        push(List.of(pop(), b, c));
                    }
                    case ']' -> push(new ArrayList<>());
                    case 'a' -> {
                        Object item = pop();
                        list(peek()).add(item);
                    }
                    case 'e' -> {
                        List<Object> items = popToMark();
                        list(peek()).addAll(items);
                    }
                    case '}' -> push(new LinkedHashMap<>());
                    case 's' -> {
                        Object value = pop();
                        Object key = pop();
                        dict(peek()).put(key, value);
                    }
                    case 'u' -> {
                        List<Object> items = popToMark();
                        Map<Object, Object> dict = dict(peek());
                        for (int i = 0; i + 1 < items.size(); i += 2) {
                            dict.put(items.get(i), items.get(i + 1));
                        }
                    }
                    case 'N' -> push(NONE);
                    case 0x88 -> push(Boolean.TRUE);
                    case 0x89 -> push(Boolean.FALSE);
                    case 'K' -> push((long) (in.get() & 0xff));
                    case 'M' -> push((long) (in.getShort() & 0xffff));
                    case 'J' -> push((long) in.getInt());
                    case 0x8a -> push(long1(in.get() & 0xff));
                    case 'G' -> push(in.order(ByteOrder.BIG_ENDIAN).getDouble()); // BINFLOAT is big-endian
                    case 'X' -> push(string(in.getInt()));
                    case 0x8c -> push(string(in.get() & 0xff));
                    case 'U' -> push(string(in.get() & 0xff)); // SHORT_BINSTRING
                    case 'Q' -> push(persistent(pop(List.class, "a persistent id")));
                    case 'R' -> {
                        Object arguments = pop();
                        push(reduce(pop(), arguments));
                    }
                    case 0x81 -> { // NEWOBJ
                        pop();
                        push(new PyObject(pop(Global.class, "a class"), new LinkedHashMap<>()));
                    }
                    case 'b' -> { // BUILD
                        Object state = pop();
                        if (peek() instanceof PyObject object && state instanceof Map<?, ?> map) {
                            map.forEach((k, v) -> object.attributes().put(k, v));
                        }
                    }
                    default -> throw malformed("unsupported pickle opcode 0x" + Integer.toHexString(op));
                }
                in.order(ByteOrder.LITTLE_ENDIAN);
            }
        } catch (BufferUnderflowException e) {
            throw new IOException("the pickle ends early (at byte " + in.limit() + ")");
        }
    }

    private IOException malformed(String problem) {
        return new IOException("malformed pickle at byte " + at + ": " + problem);
    }

    private void push(Object value) {
        stack.push(value);
    }

    private Object pop() throws IOException {
        Object value = stack.poll();
        if (value == null || value == MARK) {
            throw malformed(value == null ? "the stack is empty" : "a mark where a value should be");
        }
        return value;
    }

    private <T> T pop(Class<T> type, String what) throws IOException {
        Object value = pop();
        if (!type.isInstance(value)) {
            throw malformed("expected " + what + ", found " + describe(value));
        }
        return type.cast(value);
    }

    private Object peek() throws IOException {
        Object value = stack.peek();
        if (value == null || value == MARK) {
            throw malformed(value == null ? "the stack is empty" : "a mark where a value should be");
        }
        return value;
    }

    private Object memo(int key) throws IOException {
        Object value = memo.get(key);
        if (value == null) {
            throw malformed("memo entry " + key + " was never stored");
        }
        return value;
    }

    private Object persistent(List<?> pid) throws IOException {
        if (pid.size() < 5 || !"storage".equals(pid.get(0)) || !(pid.get(1) instanceof Global type)
                || !(pid.get(2) instanceof String key) || !(pid.get(4) instanceof Long size)) {
            throw malformed("a persistent id that is not (\"storage\", type, key, location, size)");
        }
        if (size < 0) {
            throw malformed("a storage of negative size " + size);
        }
        return new StorageRef(type.name(), key, size);
    }

    private Object reduce(Object callable, Object arguments) throws IOException {
        if (callable instanceof Global g && arguments instanceof List<?> args) {
            if (g.module().equals("torch._utils") && g.name().startsWith("_rebuild_tensor") && args.size() >= 4) {
                return tensor(args);
            }
            if (g.module().equals("collections") && g.name().equals("OrderedDict")) {
                return new LinkedHashMap<>();
            }
        }
        return new Reduced(callable, arguments);
    }

    private TensorRef tensor(List<?> args) throws IOException {
        if (!(args.get(0) instanceof StorageRef storage) || !(args.get(1) instanceof Long offset)) {
            throw malformed("a tensor without (storage, offset, size, stride)");
        }
        long[] shape = longs(args.get(2), "size");
        long[] stride = longs(args.get(3), "stride");
        if (shape.length != stride.length) {
            throw malformed("a tensor of " + shape.length + " dimensions with " + stride.length + " strides");
        }
        if (offset < 0) {
            throw malformed("a tensor at negative offset " + offset);
        }
        return new TensorRef(storage, offset, shape, stride);
    }

    private long[] longs(Object tuple, String what) throws IOException {
        if (!(tuple instanceof List<?> values)) {
            throw malformed("a tensor's " + what + " is " + describe(tuple) + ", not a tuple");
        }
        long[] result = new long[values.size()];
        for (int i = 0; i < result.length; i++) {
            if (!(values.get(i) instanceof Long value) || value < 0) {
                throw malformed("a tensor's " + what + " holds " + describe(values.get(i))
                        + ", not a non-negative integer");
            }
            result[i] = value;
        }
        return result;
    }

    /** Pops the items above the topmost mark, and the mark. */
    private List<Object> popToMark() throws IOException {
        ArrayDeque<Object> items = new ArrayDeque<>();
        while (true) {
            Object value = stack.poll();
            if (value == null) {
                throw malformed("no mark to pop to");
            }
            if (value == MARK) {
                return new ArrayList<>(items);
            }
            items.addFirst(value);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object value) throws IOException {
        if (value instanceof ArrayList<?> list) {
            return (List<Object>) list;
        }
        throw malformed("appending to " + describe(value) + ", not a list");
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dict(Object value) throws IOException {
        if (value instanceof PyObject object) {
            return object.attributes();
        }
        if (value instanceof LinkedHashMap<?, ?> map) {
            return (Map<Object, Object>) map;
        }
        throw malformed("setting an item of " + describe(value) + ", not a dict");
    }

    /** A value's kind for messages: never its contents, which may be huge or refer to themselves. */
    private static String describe(Object value) {
        if (value == MARK) {
            return "a mark";
        }
        return value == NONE ? "None" : value.getClass().getSimpleName();
    }

    private String line() {
        StringBuilder text = new StringBuilder();
        byte b;
        while ((b = in.get()) != '\n') {
            text.append((char) b);
        }
        return text.toString();
    }

    private String string(int length) throws IOException {
        // a corrupt length must not allocate: check it against what is left first
        if (length < 0 || length > in.remaining()) {
            throw malformed("a string of " + Integer.toUnsignedString(length) + " bytes, but only " + in.remaining()
                    + " are left");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private long long1(int length) {
        long value = 0;
        for (int i = 0; i < length; i++) {
            value |= (long) (in.get() & 0xff) << (8 * i);
        }
        if (length > 0 && length < 8 && (value & (1L << (8 * length - 1))) != 0) {
            value -= 1L << (8 * length);
        }
        return value;
    }
}
