export * from "../../src/testing/goldServer.js";
