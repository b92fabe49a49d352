using Esp32At.Demos.Mqtt;

return MqttDemo.Run(args, ConsoleLog.ForConsole());
