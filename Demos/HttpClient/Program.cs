// The HTTP client demo is not written yet (issue: Demos). When it is, this command starts the ESP-AT emulator
// in-process, joins its simulated access point, resolves a name, and does HTTP GET/POST, a chunked response, an HTTPS
// GET with certificate verification and a large download, printing bytes, throughput and timings.
Console.WriteLine("Esp32At HttpClient demo: not implemented yet.");
Console.WriteLine("It will run against the built-in ESP-AT emulator: join Wi-Fi, resolve a name, HTTP GET/POST, chunked response,");
Console.WriteLine("HTTPS GET with certificate verification and a large download, with throughput and timing per step.");
return 0;
