using Esp32At.Demos.HttpServer;

return HttpServerDemo.Run(args, new ConsoleServerLog());
