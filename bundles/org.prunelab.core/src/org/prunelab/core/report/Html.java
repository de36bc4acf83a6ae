package org.prunelab.core.report;

/**
 * Text made safe for the report's HTML and for its file names.
 */
final class Html {

    private Html() {
    }

    /**
     * Text as element content.
     *
     * @param text any text, or null
     * @return the text with {@code & < >} escaped; "" for null
     */
    static String text(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * Text as a quoted attribute value.
     *
     * @param text any text
     * @return the text with quotes escaped as well
     */
    static String attribute(String text) {
        return text(text).replace("\"", "&quot;").replace("'", "&#39;");
    }

    /**
     * An id as part of a file name: what is not a letter, digit, dot, dash or underscore becomes an
     * underscore, so a model called "a/b" cannot write outside the report.
     *
     * @param id a model's or version's id
     * @return the safe name
     */
    static String fileName(String id) {
        String safe = id.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.startsWith(".") ? "_" + safe.substring(1) : safe;
    }
}
