package ekc.config;

import java.util.List;

/**
 * One operator (R14, R38): the ID on the card, the name and extension the card shows, the skills
 * they serve as skill names ({@code СФР-1 линия}, {@code ОСФР Краснодарский край, 2 линия}) and a
 * proficiency 1–10 that the {@code proficiency} distribution prefers higher.
 */
public record AgentConfig(String id, String name, String extension, List<String> skills, Integer proficiency) {

    public AgentConfig {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an agent needs an id (the operator ID on the card)");
        }
        name = name != null ? name : id;
        extension = extension != null ? extension : id;
        skills = skills != null ? List.copyOf(skills) : List.of();
        proficiency = proficiency != null ? proficiency : 5;
        if (proficiency < 1 || proficiency > 10) {
            throw new IllegalArgumentException("agent " + id + ": proficiency must be 1..10, not " + proficiency);
        }
        for (String s : skills) {
            if (!s.strip().endsWith("1 линия") && !s.strip().endsWith("2 линия")) {
                throw new IllegalArgumentException("agent " + id + ": not a skill name: '" + s
                        + "' (expected e.g. 'СФР-1 линия' or 'ОСФР Краснодарский край, 2 линия')");
            }
        }
    }
}
