/* nbody: softened gravitational N-body simulation in f64 (leapfrog
 * integration), the shape of floating-point physics code: pairwise loops,
 * sqrt and division, structs of doubles. Only + - * / and sqrt are used, all
 * exactly rounded in IEEE 754, so every correct build gives the same bits.
 *
 *   nbody [rounds]    (default 50; one round is 400 steps of 160 bodies)
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BODIES = 160, STEPS = 40 };

typedef struct {
  double x, y, z, vx, vy, vz, ax, ay, az, mass;
} Body;

static Body bodies[BODIES];
static uint64_t rng_state;

static double next_unit(void) { /* in [0, 1) */
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return (double)((rng_state * 2685821657736338717ull) >> 11) / 9007199254740992.0;
}

static void place_bodies(int round) {
  rng_state = 0x2545f4914f6cdd1dull + (uint64_t)round * 0x9e3779b97f4a7c15ull;
  for (int i = 0; i < BODIES; ++i) {
    Body *b = &bodies[i];
    b->x = next_unit() * 20.0 - 10.0;
    b->y = next_unit() * 20.0 - 10.0;
    b->z = next_unit() * 2.0 - 1.0;
    b->vx = -b->y * 0.05;
    b->vy = b->x * 0.05;
    b->vz = 0.0;
    b->mass = 0.5 + next_unit();
  }
}

static void accelerations(void) {
  const double softening = 0.01;
  for (int i = 0; i < BODIES; ++i) bodies[i].ax = bodies[i].ay = bodies[i].az = 0.0;
  for (int i = 0; i < BODIES; ++i) {
    Body *bi = &bodies[i];
    for (int j = i + 1; j < BODIES; ++j) {
      Body *bj = &bodies[j];
      double dx = bj->x - bi->x, dy = bj->y - bi->y, dz = bj->z - bi->z;
      double r2 = dx * dx + dy * dy + dz * dz + softening;
      double inv = 1.0 / (r2 * sqrt(r2));
      double fi = bj->mass * inv, fj = bi->mass * inv;
      bi->ax += dx * fi;
      bi->ay += dy * fi;
      bi->az += dz * fi;
      bj->ax -= dx * fj;
      bj->ay -= dy * fj;
      bj->az -= dz * fj;
    }
  }
}

static double energy(void) {
  double e = 0.0;
  for (int i = 0; i < BODIES; ++i) {
    Body *bi = &bodies[i];
    e += 0.5 * bi->mass * (bi->vx * bi->vx + bi->vy * bi->vy + bi->vz * bi->vz);
    for (int j = i + 1; j < BODIES; ++j) {
      Body *bj = &bodies[j];
      double dx = bj->x - bi->x, dy = bj->y - bi->y, dz = bj->z - bi->z;
      e -= bi->mass * bj->mass / sqrt(dx * dx + dy * dy + dz * dz + 0.01);
    }
  }
  return e;
}

__attribute__((noinline)) static void simulate(int steps, double dt) {
  accelerations();
  for (int s = 0; s < steps; ++s) {
    for (int i = 0; i < BODIES; ++i) { /* kick half, drift */
      Body *b = &bodies[i];
      b->vx += 0.5 * dt * b->ax;
      b->vy += 0.5 * dt * b->ay;
      b->vz += 0.5 * dt * b->az;
      b->x += dt * b->vx;
      b->y += dt * b->vy;
      b->z += dt * b->vz;
    }
    accelerations();
    for (int i = 0; i < BODIES; ++i) { /* kick half */
      Body *b = &bodies[i];
      b->vx += 0.5 * dt * b->ax;
      b->vy += 0.5 * dt * b->ay;
      b->vz += 0.5 * dt * b->az;
    }
  }
}

static uint64_t bits(double x) {
  uint64_t u;
  memcpy(&u, &x, sizeof u);
  return u;
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 50;
  uint64_t checksum = 0xcbf29ce484222325ull;
  double drift = 0.0;
  for (int r = 0; r < rounds; ++r) {
    place_bodies(r);
    double before = energy();
    for (int chunk = 0; chunk < 10; ++chunk) simulate(STEPS, 0.001);
    double after = energy();
    drift += fabs((after - before) / before);
    for (int i = 0; i < BODIES; ++i)
      checksum = (checksum ^ bits(bodies[i].x) ^ bits(bodies[i].vy)) * 0x100000001b3ull;
  }
  printf("nbody: %d rounds, %d bodies, mean energy drift %.3e, checksum %016llx\n", rounds, BODIES,
         rounds ? drift / rounds : 0.0, (unsigned long long)checksum);
  return 0;
}
