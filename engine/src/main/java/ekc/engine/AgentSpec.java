package ekc.engine;

import java.util.List;
import java.util.Objects;

/** A configured operator: the ID, name and extension the card shows (R30), skills, proficiency 1–10. */
public record AgentSpec(String id, String name, String extension, List<Skill> skills, int proficiency) {

    public AgentSpec {
        Objects.requireNonNull(id, "id");
        name = name != null ? name : id;
        extension = extension != null ? extension : id;
        skills = List.copyOf(skills);
    }
}
