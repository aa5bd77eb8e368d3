/*
 * Reference throughput of speexdsp's resampler (quality 5), for docs/benchmarks.md.
 *
 * Resamples the same speech-like signal the JMH ResamplerBenchmark uses (written by
 * dev.switchboard.audio.bench.BenchSignalFiles as <dir>/speech_<rate>.s16le) in 20 ms frames,
 * int16 in and out, one resampler state persisting across frames and passes (one continuous
 * stream), and prints input Msamples/s per pair like JMH: warm-up, then timed iterations.
 *
 *   speex_bench <signal-dir> [iterations=3] [seconds-per-iteration=1.0] [warmups=2] [<in>-<out>]
 * Without a pair argument it runs 8000-16000, 8000-24000, 16000-8000 and 24000-8000.
 * Output, one line per pair: "speexdsp <in>-<out> <median> <min> <max> <cpu-median> <cpu-min> <cpu-max>":
 * input Msamples per second of wall-clock time, then per second of this thread's CPU time (which
 * time-slicing by other processes on a shared machine does not inflate).
 */
#include <speex/speex_resampler.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double seconds_of(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int16_t *read_signal(const char *dir, int rate, size_t *count) {
    char path[4096];
    snprintf(path, sizeof path, "%s/speech_%d.s16le", dir, rate);
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    long bytes = ftell(f);
    fseek(f, 0, SEEK_SET);
    int16_t *x = malloc(bytes);
    if (!x || fread(x, 1, bytes, f) != (size_t) bytes) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(2);
    }
    fclose(f);
    *count = bytes / 2;
    return x;
}

static volatile int64_t sink;

/* One pass over the whole signal in 20 ms frames; returns input samples consumed. */
static size_t pass(SpeexResamplerState *st, const int16_t *x, size_t n, int frame, int16_t *out, int out_cap) {
    int64_t check = 0;
    size_t done = 0;
    for (size_t off = 0; off + frame <= n; off += frame) {
        spx_uint32_t in_len = frame;
        spx_uint32_t out_len = out_cap;
        speex_resampler_process_int(st, 0, x + off, &in_len, out, &out_len);
        if (in_len != (spx_uint32_t) frame) {
            fprintf(stderr, "speexdsp consumed %u of %d\n", in_len, frame);
            exit(3);
        }
        check += out[0] + out[out_len - 1];
        done += frame;
    }
    sink += check;
    return done;
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *) a;
    double y = *(const double *) b;
    return (x > y) - (x < y);
}

/* Timed iteration: whole passes until `seconds` of wall-clock time have elapsed; input Msamples/s
 * of wall-clock time into *wall, of thread CPU time into *cpu. */
static void iteration(SpeexResamplerState *st, const int16_t *x, size_t n, int frame, int16_t *out, int cap,
                      double seconds, double *wall, double *cpu) {
    double start = seconds_of(CLOCK_MONOTONIC);
    double cpu_start = seconds_of(CLOCK_THREAD_CPUTIME_ID);
    double elapsed;
    size_t samples = 0;
    do {
        samples += pass(st, x, n, frame, out, cap);
        elapsed = seconds_of(CLOCK_MONOTONIC) - start;
    } while (elapsed < seconds);
    *cpu = samples / (seconds_of(CLOCK_THREAD_CPUTIME_ID) - cpu_start) / 1e6;
    *wall = samples / elapsed / 1e6;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s <signal-dir> [iterations] [seconds] [warmups] [in-out]\n", argv[0]);
        return 1;
    }
    int iterations = argc > 2 ? atoi(argv[2]) : 3;
    double seconds = argc > 3 ? atof(argv[3]) : 1.0;
    int warmups = argc > 4 ? atoi(argv[4]) : 2;
    int pairs[4][2] = {{8000, 16000}, {8000, 24000}, {16000, 8000}, {24000, 8000}};
    size_t pair_count = 4;
    if (argc > 5) {
        if (sscanf(argv[5], "%d-%d", &pairs[0][0], &pairs[0][1]) != 2 || pairs[0][0] <= 0 || pairs[0][1] <= 0) {
            fprintf(stderr, "bad pair %s (want e.g. 8000-16000)\n", argv[5]);
            return 1;
        }
        pair_count = 1;
    }
    if (iterations < 1 || seconds <= 0 || warmups < 0) {
        fprintf(stderr, "bad iterations/seconds/warmups\n");
        return 1;
    }
    for (size_t p = 0; p < pair_count; p++) {
        int in_hz = pairs[p][0];
        int out_hz = pairs[p][1];
        size_t n;
        int16_t *x = read_signal(argv[1], in_hz, &n);
        int frame = in_hz / 50;
        int cap = frame * out_hz / in_hz + 16;
        int16_t *out = malloc(sizeof(int16_t) * cap);
        int err = 0;
        SpeexResamplerState *st = speex_resampler_init(1, in_hz, out_hz, 5, &err);
        if (!st || err != RESAMPLER_ERR_SUCCESS) {
            fprintf(stderr, "speex_resampler_init: %s\n", speex_resampler_strerror(err));
            return 2;
        }
        double *r = malloc(sizeof(double) * iterations);
        double *c = malloc(sizeof(double) * iterations);
        for (int i = 0; i < warmups; i++) {
            iteration(st, x, n, frame, out, cap, seconds, &r[0], &c[0]);
        }
        for (int i = 0; i < iterations; i++) {
            iteration(st, x, n, frame, out, cap, seconds, &r[i], &c[i]);
        }
        qsort(r, iterations, sizeof(double), compare_doubles);
        qsort(c, iterations, sizeof(double), compare_doubles);
        printf("speexdsp %d-%d %.1f %.1f %.1f %.1f %.1f %.1f\n", in_hz, out_hz, r[iterations / 2], r[0],
               r[iterations - 1], c[iterations / 2], c[0], c[iterations - 1]);
        fflush(stdout);
        speex_resampler_destroy(st);
        free(r);
        free(c);
        free(out);
        free(x);
    }
    return 0;
}
