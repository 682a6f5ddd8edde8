/** Media load: many concurrent RTP calls through a real {@code ekc.media.MediaServer}, recording on. */
package ekc.bench.media;
