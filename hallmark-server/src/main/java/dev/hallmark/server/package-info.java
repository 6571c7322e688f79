/**
 * hallmark-server: configuration ({@code config}), key management ({@code keys}), trust material ({@code trust}),
 * the HTTP host ({@code jetty}) and the plain request/response records services are adapted to ({@code http}).
 * {@link dev.hallmark.server.HallmarkServer} puts them together; {@link dev.hallmark.server.Services} is where each
 * service's route group is wired in.
 */
package dev.hallmark.server;
