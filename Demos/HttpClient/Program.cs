using Esp32At.Demos.HttpClient;

return HttpClientDemo.Run(args, ConsoleLog.ForConsole());
