export * from "../../src/testing/scriptedServer.js";
