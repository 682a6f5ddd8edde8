package ekc.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prompts of one language, loaded once and encoded once. Sources, later ones overriding earlier:
 * every {@code /ekc/prompts/<language>/<name>.wav} on the class path (any module may contribute), then
 * {@code <promptsDir>/<language>/<name>.wav} and {@code <promptsDir>/<name>.wav} when a directory is
 * configured. Everything found is loaded at construction; a name asked for later is looked up once more
 * (a class-path entry that could not be listed) and then remembered as missing. Thread-safe.
 */
final class PromptCatalogue {

    private static final Logger LOG = LoggerFactory.getLogger(PromptCatalogue.class);
    static final String CLASS_PATH_ROOT = "ekc/prompts/";

    private final String language;
    private final Path promptsDir;
    private final Map<String, Prompt> prompts = new ConcurrentHashMap<>();
    private final Map<String, String> missing = new ConcurrentHashMap<>();
    private final Map<String, String> sources = new ConcurrentHashMap<>();

    PromptCatalogue(String language, Path promptsDir) {
        this.language = language;
        this.promptsDir = promptsDir;
        loadClassPath();
        if (promptsDir != null) {
            loadDirectory(promptsDir);
            loadDirectory(promptsDir.resolve(language));
        }
        LOG.info("prompts ({}): {}", language, prompts.keySet());
    }

    /**
     * The prompt, or null when there is no such prompt (logged once per name). A name may be
     * qualified by this catalogue's language ({@code en/greeting}), as the robot names its prompts.
     */
    Prompt find(String name) {
        if (name.startsWith(language + "/")) {
            name = name.substring(language.length() + 1);
        }
        Prompt p = prompts.get(name);
        if (p != null || missing.containsKey(name)) {
            return p;
        }
        p = loadResource(name);
        if (p != null) {
            prompts.putIfAbsent(name, p);
            return prompts.get(name);
        }
        if (missing.putIfAbsent(name, name) == null) {
            LOG.error("no prompt '{}' for language {} (class path /{}{}/, promptsDir {}); known: {}", name, language,
                    CLASS_PATH_ROOT, language, promptsDir, prompts.keySet());
        }
        return null;
    }

    java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(prompts.keySet());
    }

    private Prompt loadResource(String name) {
        if (name.contains("/") || name.contains("..")) {
            return null;
        }
        String resource = CLASS_PATH_ROOT + language + "/" + name + ".wav";
        try (InputStream in = PromptCatalogue.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : decode(name, in.readAllBytes(), resource);
        } catch (IOException e) {
            LOG.error("prompt {} unreadable: {}", resource, e.getMessage());
            return null;
        }
    }

    private void loadClassPath() {
        String dir = CLASS_PATH_ROOT + language + "/";
        try {
            Enumeration<URL> roots = PromptCatalogue.class.getClassLoader().getResources(dir);
            while (roots.hasMoreElements()) {
                URL url = roots.nextElement();
                if ("file".equals(url.getProtocol())) {
                    loadDirectory(Path.of(url.toURI()));
                } else if ("jar".equals(url.getProtocol())) {
                    JarURLConnection c = (JarURLConnection) url.openConnection();
                    c.setUseCaches(false);
                    try (JarFile jar = c.getJarFile()) {
                        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                            JarEntry entry = e.nextElement();
                            String n = entry.getName();
                            if (n.startsWith(dir) && n.endsWith(".wav") && n.indexOf('/', dir.length()) < 0) {
                                try (InputStream in = jar.getInputStream(entry)) {
                                    put(n.substring(dir.length(), n.length() - 4), in.readAllBytes(), url + n);
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new UncheckedIOException(new IOException("cannot list prompts under /" + dir + ": " + e.getMessage(), e));
        }
    }

    private void loadDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.wav")) {
            for (Path f : files) {
                String file = f.getFileName().toString();
                put(file.substring(0, file.length() - 4), Files.readAllBytes(f), f.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prompts in " + dir, e);
        }
    }

    private void put(String name, byte[] wav, String source) {
        try {
            Prompt p = decode(name, wav, source);
            String before = sources.put(name, source);
            if (before != null) {
                LOG.info("prompt {}/{}: {} replaces {}", language, name, source, before);
            }
            prompts.put(name, p);
        } catch (IOException e) {
            // One bad file must not take the others down; playing it later reports it as missing.
            LOG.error("prompt {} skipped: {}", source, e.getMessage());
        }
    }

    private static Prompt decode(String name, byte[] wav, String source) throws IOException {
        return Prompt.of(name, WavFile.read8k(wav, source));
    }
}
