/** Benchmarks of the HELO protocol: JMH microbenchmarks of the codec and a closed-loop load generator. */
package io.helo.bench;
