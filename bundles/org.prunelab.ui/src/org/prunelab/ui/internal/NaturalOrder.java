package org.prunelab.ui.internal;

import java.util.Comparator;

/**
 * Orders texts as people count: the digits in them by their value, so that "v2" comes before "v10".
 */
public final class NaturalOrder implements Comparator<Object> {

    /** The order, for any objects by their {@code toString}. */
    public static final NaturalOrder INSTANCE = new NaturalOrder();

    private NaturalOrder() {
    }

    @Override
    public int compare(Object first, Object second) {
        String a = String.valueOf(first);
        String b = String.valueOf(second);
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                // leading zeros do not count; a longer run of significant digits is the larger number
                String numberA = a.substring(i, endA).replaceFirst("^0+(?=.)", "");
                String numberB = b.substring(j, endB).replaceFirst("^0+(?=.)", "");
                int order = numberA.length() != numberB.length() ? Integer.compare(numberA.length(), numberB.length())
                        : numberA.compareTo(numberB);
                if (order != 0) {
                    return order;
                }
                i = endA;
                j = endB;
            } else {
                int order = Character.compare(Character.toLowerCase(x), Character.toLowerCase(y));
                if (order != 0) {
                    return order;
                }
                i++;
                j++;
            }
        }
        int order = Integer.compare(a.length() - i, b.length() - j);
        return order != 0 ? order : a.compareTo(b);
    }

    private static int digitsEnd(String text, int from) {
        int end = from;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return end;
    }
}
