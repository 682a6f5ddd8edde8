package ekc.robot;

import ekc.engine.Participant;

/**
 * One node of the knowledge base's topic classifier (R11): level 1 тема, 2 подтема, 3 тематика,
 * 4 подтематика. The participant is the one of the level-1 topic unless a lower one names its own.
 */
record Topic(String id, String title, int level, String parent, Participant participant) {}
