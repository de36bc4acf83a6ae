package org.prunelab.runtime.torch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subset of Python's pickle protocol (2 to 4) that PyTorch archives use. Objects become Java
 * values: dicts {@link LinkedHashMap}, tuples and lists {@link List}, module objects {@link PyObject},
 * tensors {@link TensorRef}. Nothing is executed: unknown callables become {@link Reduced} values.
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

    private static final Object MARK = new Object();

    private final ByteBuffer in;
    private final Deque<Object> stack = new ArrayDeque<>();
    private final Map<Integer, Object> memo = new HashMap<>();

    Unpickler(byte[] data) {
        this.in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    Object load() throws IOException {
        try {
            while (true) {
                int op = in.get() & 0xff;
                switch (op) {
                    case 0x80 -> in.get(); // PROTO
                    case 0x95 -> in.getLong(); // FRAME
                    case '.' -> {
                        return stack.pop();
                    }
                    case 'c' -> stack.push(new Global(line(), line()));
                    case 0x93 -> { // STACK_GLOBAL
                        String name = (String) stack.pop();
                        stack.push(new Global((String) stack.pop(), name));
                    }
                    case 'q' -> memo.put(in.get() & 0xff, stack.peek());
                    case 'r' -> memo.put(in.getInt(), stack.peek());
                    case 0x94 -> memo.put(memo.size(), stack.peek()); // MEMOIZE
                    case 'h' -> stack.push(memo.get(in.get() & 0xff));
                    case 'j' -> stack.push(memo.get(in.getInt()));
                    case '(' -> stack.push(MARK);
                    case ')' -> stack.push(List.of());
                    case 't' -> stack.push(popToMark());
                    case 0x85 -> stack.push(List.of(stack.pop()));
                    case 0x86 -> {
                        Object b = stack.pop();
                        stack.push(List.of(stack.pop(), b));
                    }
                    case 0x87 -> {
                        Object c = stack.pop();
                        Object b = stack.pop();
                        stack.push(List.of(stack.pop(), b, c));
                    }
                    case ']' -> stack.push(new ArrayList<>());
                    case 'a' -> {
                        Object item = stack.pop();
                        list(stack.peek()).add(item);
                    }
                    case 'e' -> {
                        List<Object> items = popToMark();
                        list(stack.peek()).addAll(items);
                    }
                    case '}' -> stack.push(new LinkedHashMap<>());
                    case 's' -> {
                        Object value = stack.pop();
                        Object key = stack.pop();
                        dict(stack.peek()).put(key, value);
                    }
                    case 'u' -> {
                        List<Object> items = popToMark();
                        Map<Object, Object> dict = dict(stack.peek());
                        for (int i = 0; i + 1 < items.size(); i += 2) {
                            dict.put(items.get(i), items.get(i + 1));
                        }
                    }
                    case 'N' -> stack.push(NONE);
                    case 0x88 -> stack.push(Boolean.TRUE);
                    case 0x89 -> stack.push(Boolean.FALSE);
                    case 'K' -> stack.push((long) (in.get() & 0xff));
                    case 'M' -> stack.push((long) (in.getShort() & 0xffff));
                    case 'J' -> stack.push((long) in.getInt());
                    case 0x8a -> stack.push(long1(in.get() & 0xff));
                    case 'G' -> stack.push(in.order(ByteOrder.BIG_ENDIAN).getDouble()); // BINFLOAT is big-endian
                    case 'X' -> stack.push(string(in.getInt()));
                    case 0x8c -> stack.push(string(in.get() & 0xff));
                    case 'U' -> stack.push(string(in.get() & 0xff)); // SHORT_BINSTRING
                    case 'Q' -> stack.push(persistent(stack.pop()));
                    case 'R' -> {
                        Object arguments = stack.pop();
                        stack.push(reduce(stack.pop(), arguments));
                    }
                    case 0x81 -> { // NEWOBJ
                        stack.pop();
                        stack.push(new PyObject((Global) stack.pop(), new LinkedHashMap<>()));
                    }
                    case 'b' -> { // BUILD
                        Object state = stack.pop();
                        if (stack.peek() instanceof PyObject object && state instanceof Map<?, ?> map) {
                            map.forEach((k, v) -> object.attributes().put(k, v));
                        }
                    }
                    default -> throw new IOException("unsupported pickle opcode 0x" + Integer.toHexString(op)
                            + " at byte " + (in.position() - 1));
                }
                in.order(ByteOrder.LITTLE_ENDIAN);
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new IOException("the pickle ends early");
        } catch (ClassCastException | java.util.NoSuchElementException e) {
            throw new IOException("malformed pickle: " + e.getMessage());
        }
    }

    /** Python's None. */
    static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    private Object persistent(Object id) throws IOException {
        List<?> pid = (List<?>) id;
        if (pid.size() < 5 || !"storage".equals(pid.get(0))) {
            throw new IOException("unexpected persistent id " + pid);
        }
        return new StorageRef(((Global) pid.get(1)).name(), String.valueOf(pid.get(2)), ((Number) pid.get(4)).longValue());
    }

    private static Object reduce(Object callable, Object arguments) {
        if (callable instanceof Global g) {
            List<?> args = (List<?>) arguments;
            if (g.module().equals("torch._utils") && g.name().startsWith("_rebuild_tensor") && args.size() >= 4) {
                return new TensorRef((StorageRef) args.get(0), ((Number) args.get(1)).longValue(), longs(args.get(2)),
                        longs(args.get(3)));
            }
            if (g.module().equals("collections") && g.name().equals("OrderedDict")) {
                return new LinkedHashMap<>();
            }
        }
        return new Reduced(callable, arguments);
    }

    private static long[] longs(Object tuple) {
        List<?> values = (List<?>) tuple;
        long[] result = new long[values.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = ((Number) values.get(i)).longValue();
        }
        return result;
    }

    private List<Object> popToMark() {
        List<Object> items = new ArrayList<>();
        while (stack.peek() != MARK) {
            items.add(0, stack.pop());
        }
        stack.pop();
        return items;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> dict(Object value) {
        if (value instanceof PyObject object) {
            return object.attributes();
        }
        return (Map<Object, Object>) value;
    }

    private String line() {
        StringBuilder text = new StringBuilder();
        byte b;
        while ((b = in.get()) != '\n') {
            text.append((char) b);
        }
        return text.toString();
    }

    private String string(int length) {
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
