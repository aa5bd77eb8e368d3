package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, a new user's path: the README and every page under docs/ link only files inside the
 * repository, and those files exist, so a reader who cloned the repository never follows a link
 * into nothing (docs/README.md once pointed at ../shared/…, outside it).
 */
class DocumentationLinksTest {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

    @Test
    void every_relative_link_of_the_docs_names_an_existing_file_inside_the_repository() throws IOException {
        var root = Path.of("..").toAbsolutePath().normalize();
        assertThat(root.resolve("docs/README.md")).exists();
        var pages = new ArrayList<Path>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        var broken = new ArrayList<String>();
        for (var page : pages) {
            var links = LINK.matcher(Files.readString(page));
            while (links.find()) {
                var target = links.group(1);
                if (target.matches("[a-z]+:.*")) continue;
                var file = page.getParent().resolve(target).normalize();
                if (!file.startsWith(root)) broken.add(root.relativize(page) + ": " + target + " leaves the repository");
                else if (!Files.exists(file)) broken.add(root.relativize(page) + ": " + target + " does not exist");
            }
        }
        assertThat(broken).isEmpty();
    }
}
