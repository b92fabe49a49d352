namespace Esp32At.Demos.DeviceTests
{
    /// <summary>Where the runner prints: the console on the host, the debug output on the device.</summary>
    public interface ITestOutput
    {
        /// <summary>One line.</summary>
        void Line(string text);
    }
}
