namespace Esp32At.Demos.DeviceTests;

/// <summary>Runner output on the console.</summary>
public sealed class ConsoleTestOutput : ITestOutput
{
    public void Line(string text) => Console.WriteLine(text);
}
