package ekc.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The regions of Russia (every federal subject) with their time zones, read from
 * {@code regions.yaml}. Immutable and thread-safe once loaded.
 *
 * <p>{@link #find} accepts a name or alias in any case, with any dash ({@code - – —}) and spacing,
 * so what a caller says, the robot hears or the geocoder prints maps to one canonical region.
 */
public final class Regions {

    /** The embedded list: all 89 federal subjects. */
    public static final String EMBEDDED = "/ekc/config/regions.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static volatile Regions embedded;

    private final List<Region> all;
    private final Map<String, Region> byKey;
    private final Map<String, Region> exact = new HashMap<>();

    private Regions(List<Region> all) {
        this.all = List.copyOf(all);
        Map<String, Region> keys = new HashMap<>();
        for (Region r : this.all) {
            index(keys, r.name(), r);
            for (String a : r.aliases()) {
                index(keys, a, r);
            }
        }
        this.byKey = keys;
        for (Region r : this.all) {
            exact.put(r.name(), r);
            for (String a : r.aliases()) {
                exact.putIfAbsent(a, r);
            }
        }
    }

    private static void index(Map<String, Region> keys, String spelling, Region r) {
        Region before = keys.putIfAbsent(key(spelling), r);
        if (before != null && before != r) {
            throw new IllegalArgumentException("'" + spelling + "' names both " + before.name() + " and " + r.name());
        }
    }

    /** The regions EKC ships with; loaded once. */
    public static Regions embedded() {
        Regions r = embedded;
        if (r == null) {
            try (InputStream in = Regions.class.getResourceAsStream(EMBEDDED)) {
                if (in == null) {
                    throw new IllegalStateException("embedded regions missing: " + EMBEDDED);
                }
                r = read(in, "embedded " + EMBEDDED);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            embedded = r;
        }
        return r;
    }

    public static Regions load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads {@code regions: [{name, zone, aliases}]}; {@code source} names the input in errors. */
    public static Regions read(InputStream in, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (IOException e) {
            throw new ConfigException(source + ": not YAML: " + e.getMessage(), e);
        }
        JsonNode list = root == null ? null : root.get("regions");
        if (list == null || !list.isArray()) {
            throw new ConfigException(source + ": expected a list under 'regions'", null);
        }
        List<Region> regions = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String where = source + ": regions[" + i + "]";
            String name = n.path("name").asText(null);
            String zone = n.path("zone").asText(null);
            if (name == null || zone == null) {
                throw new ConfigException(where + ": needs 'name' and 'zone'", null);
            }
            ZoneId id;
            try {
                id = ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw new ConfigException(where + " (" + name + "): unknown time zone '" + zone + "'", e);
            }
            List<String> aliases = new ArrayList<>();
            for (JsonNode a : n.path("aliases")) {
                aliases.add(a.asText());
            }
            regions.add(new Region(name, id, aliases));
        }
        try {
            return new Regions(regions);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
    }

    /** Every region, in file order. */
    public List<Region> all() {
        return all;
    }

    /** Canonical names, in file order. */
    public List<String> names() {
        List<String> names = new ArrayList<>(all.size());
        for (Region r : all) {
            names.add(r.name());
        }
        return Collections.unmodifiableList(names);
    }

    /** The region a name or alias means; empty when none does. */
    public Optional<Region> find(String nameOrAlias) {
        if (nameOrAlias == null) {
            return Optional.empty();
        }
        Region r = exact.get(nameOrAlias); // the common case, without normalising
        return Optional.ofNullable(r != null ? r : byKey.get(key(nameOrAlias)));
    }

    /** The time zone of a region, or {@code fallback} when the region is unknown or null. */
    public ZoneId zone(String nameOrAlias, ZoneId fallback) {
        return find(nameOrAlias).map(Region::zone).orElse(fallback);
    }

    /** Name → zone for every canonical name and alias as written (for lookups that skip normalising). */
    public Map<String, ZoneId> zones() {
        Map<String, ZoneId> m = new HashMap<>();
        for (Region r : all) {
            m.put(r.name(), r.zone());
            for (String a : r.aliases()) {
                m.put(a, r.zone());
            }
        }
        return Collections.unmodifiableMap(m);
    }

    private static String key(String s) {
        String k = s.strip().toLowerCase(Locale.ROOT).replace('ё', 'е');
        k = k.replaceAll("\\s*[-–—]\\s*", "-").replaceAll("\\s+", " ");
        return k;
    }
}
