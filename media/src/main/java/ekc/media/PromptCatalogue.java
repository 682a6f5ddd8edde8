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
 * The prompts of one language, loaded once and encoded once, from three sources:
 * <ul>
 *   <li>the media module's own prompts, {@code /ekc/media/prompts/<language>/<name>.wav} (the hotline's
 *       {@code greeting} and {@code goodbye} that the engine plays when Yana is off);</li>
 *   <li>the modules' prompts, every {@code /ekc/prompts/<language>/<name>.wav} on the class path (Yana's, in
 *       {@code ivr-robot}, which has a {@code greeting} and {@code goodbye} of its own);</li>
 *   <li>{@code <promptsDir>/<name>.wav} and {@code <promptsDir>/<language>/<name>.wav} when a directory is
 *       configured: these win over both.</li>
 * </ul>
 * Which of the first two serves a name is explicit, not left to the class-path order: a name qualified by the
 * language ({@code ru/greeting}, as the robot names its prompts) is a module's prompt first, an unqualified
 * one ({@code greeting}, as the engine names them) is media's own first; each falls back to the other.
 * Everything found is loaded at construction; a name asked for later is looked up once more (a class-path
 * entry that could not be listed) and then remembered as missing. Thread-safe.
 */
final class PromptCatalogue {

    private static final Logger LOG = LoggerFactory.getLogger(PromptCatalogue.class);
    static final String CLASS_PATH_ROOT = "ekc/prompts/";
    static final String OWN_ROOT = "ekc/media/prompts/";

    private final String language;
    private final Path promptsDir;
    private final Map<String, Prompt> own = new ConcurrentHashMap<>();
    private final Map<String, Prompt> prompts = new ConcurrentHashMap<>();
    private final Map<String, Prompt> local = new ConcurrentHashMap<>();
    private final Map<String, String> missing = new ConcurrentHashMap<>();
    private final Map<String, String> sources = new ConcurrentHashMap<>();

    PromptCatalogue(String language, Path promptsDir) {
        this.language = language;
        this.promptsDir = promptsDir;
        loadClassPath(OWN_ROOT, own);
        loadClassPath(CLASS_PATH_ROOT, prompts);
        if (promptsDir != null) {
            loadDirectory(promptsDir, local);
            loadDirectory(promptsDir.resolve(language), local);
        }
        LOG.info("prompts ({}): media's {}, modules' {}, promptsDir's {}", language, own.keySet(), prompts.keySet(),
                local.keySet());
    }

    /**
     * The prompt, or null when there is no such prompt (logged once per name). A name may be
     * qualified by this catalogue's language ({@code en/greeting}), as the robot names its prompts.
     */
    Prompt find(String name) {
        boolean qualified = name.startsWith(language + "/");
        if (qualified) {
            name = name.substring(language.length() + 1);
        }
        Prompt p = local.get(name);
        if (p == null) {
            Map<String, Prompt> first = qualified ? prompts : own;
            Map<String, Prompt> second = qualified ? own : prompts;
            p = first.get(name);
            if (p == null) {
                p = second.get(name);
            }
        }
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
                    CLASS_PATH_ROOT, language, promptsDir, names());
        }
        return null;
    }

    java.util.Set<String> names() {
        java.util.Set<String> all = new java.util.TreeSet<>(own.keySet());
        all.addAll(prompts.keySet());
        all.addAll(local.keySet());
        return all;
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

    private void loadClassPath(String root, Map<String, Prompt> into) {
        String dir = root + language + "/";
        try {
            Enumeration<URL> roots = PromptCatalogue.class.getClassLoader().getResources(dir);
            while (roots.hasMoreElements()) {
                URL url = roots.nextElement();
                if ("file".equals(url.getProtocol())) {
                    loadDirectory(Path.of(url.toURI()), into);
                } else if ("jar".equals(url.getProtocol())) {
                    JarURLConnection c = (JarURLConnection) url.openConnection();
                    c.setUseCaches(false);
                    try (JarFile jar = c.getJarFile()) {
                        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                            JarEntry entry = e.nextElement();
                            String n = entry.getName();
                            if (n.startsWith(dir) && n.endsWith(".wav") && n.indexOf('/', dir.length()) < 0) {
                                try (InputStream in = jar.getInputStream(entry)) {
                                    put(into, n.substring(dir.length(), n.length() - 4), in.readAllBytes(), url + n);
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

    private void loadDirectory(Path dir, Map<String, Prompt> into) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.wav")) {
            for (Path f : files) {
                String file = f.getFileName().toString();
                put(into, file.substring(0, file.length() - 4), Files.readAllBytes(f), f.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prompts in " + dir, e);
        }
    }

    private void put(Map<String, Prompt> into, String name, byte[] wav, String source) {
        try {
            Prompt p = decode(name, wav, source);
            String before = sources.put(into == own ? "media:" + name : into == local ? "dir:" + name : name, source);
            if (before != null) {
                LOG.info("prompt {}/{}: {} replaces {}", language, name, source, before);
            }
            into.put(name, p);
        } catch (IOException e) {
            // One bad file must not take the others down; playing it later reports it as missing.
            LOG.error("prompt {} skipped: {}", source, e.getMessage());
        }
    }

    private static Prompt decode(String name, byte[] wav, String source) throws IOException {
        return Prompt.of(name, WavFile.read8k(wav, source));
    }
}
