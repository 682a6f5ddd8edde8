/**
 * Asterisk benchmarks, run as main classes (never by the tests): {@link ekc.bench.asterisk.AmiEventsBench}
 * (AMI events into the engine ring) and {@link ekc.bench.asterisk.AgiRouteBench} (FastAGI routing
 * requests per second, with latency percentiles). Both talk to a minimal in-process manager server,
 * {@link ekc.bench.asterisk.BenchAmiServer}, over real loopback sockets.
 */
package ekc.bench.asterisk;
