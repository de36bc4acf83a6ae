package org.prunelab.core.versions;

import java.nio.file.Path;

/**
 * A version folder that cannot be read (a missing or unreadable recipe or evaluation, an empty folder). It
 * is listed beside the readable versions, with its reason, so that one damaged version hides nothing else
 * of the project; only what needs the version itself fails.
 *
 * @param model the root model's id
 * @param id the folder's name, the version's id
 * @param directory the folder
 * @param reason what is wrong, naming the file
 */
public record DamagedVersion(String model, String id, Path directory, String reason) {
}
