using Esp32At.Demos.DeviceTests;

return DeviceTestsHost.Run(args, new ConsoleTestOutput());
