package org.prunelab.architecture.tests;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * The bundles and packages a manifest depends on, read from Require-Bundle and Import-Package.
 */
final class ManifestDependencies {

    private ManifestDependencies() {
    }

    /** Names of every required bundle and imported package, without their attributes and directives. */
    static List<String> read(InputStream manifest) throws IOException {
        Attributes main = new Manifest(manifest).getMainAttributes();
        List<String> names = new ArrayList<>();
        names.addAll(clauseNames(main.getValue("Require-Bundle")));
        names.addAll(clauseNames(main.getValue("Import-Package")));
        names.addAll(clauseNames(main.getValue("DynamicImport-Package")));
        return names;
    }

    /** Splits an OSGi header into clauses at the commas outside quotes, keeping the part before ';'. */
    static List<String> clauseNames(String header) {
        List<String> names = new ArrayList<>();
        if (header == null) {
            return names;
        }
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char c : (header + ",").toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                String name = clause.toString().split(";", 2)[0].strip();
                if (!name.isEmpty()) {
                    names.add(name);
                }
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        return names;
    }
}
