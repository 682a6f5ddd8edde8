/**
 * What a simulation found, per queue and in total: service level within 20 s and 60 s, ASA,
 * abandonment, occupancy, SLA breaches; as JSON for machines or a table for people; and the
 * progress bar shown while it runs.
 */
package ekc.app.simulate.report;
