package org.shakenpki.metrics;

/**
 * Where {@link Metrics} sends events: the application's metric registry once it is bound
 * ({@link RegistryRecorder}), nothing before (unit tests, tools, a server without MicroProfile Metrics).
 */
interface Recorder {
    Recorder NONE = new Recorder() {
        @Override
        public void count(Meter meter, String... tagValues) {
        }

        @Override
        public void time(Meter meter, long nanos, String... tagValues) {
        }
    };

    /** Adds one to the counter {@code meter} with these tag values (in {@link Meter#tags()} order). */
    void count(Meter meter, String... tagValues);

    /** Records one duration in the timer {@code meter}. */
    void time(Meter meter, long nanos, String... tagValues);
}
