package ekc.engine;

/** The level that serves a request: Yana, first line, second line (R2–R4). */
public enum Line {
    ROBOT, FIRST, SECOND
}
