namespace Esp32At.Tests.DeviceProfile;

/// <summary>The device profile rejects what TinyCLR 2.2 lacks and accepts what it has.</summary>
public class CompileGateTests
{
    private static string InClass(string body) => "namespace Gate { public class Snippet { " + body + " } }";

    [Theory]
    [InlineData("void M() { var l = new System.Collections.Generic.List<int>(); }", "CS0234", "'Generic'")]
    [InlineData("void M() { System.Span<byte> s; }", "CS0234", "'Span<>'")]
    [InlineData("bool M(string s) { return s.Contains(\"x\"); }", "CS1061", "'Contains'")]
    [InlineData("void M() { var w = System.Diagnostics.Stopwatch.StartNew(); }", "CS0234", "'Stopwatch'")]
    [InlineData("async System.Threading.Tasks.Task M() { }", "CS0234", "'Tasks'")]
    [InlineData("void M(byte[] a) { System.Buffer.BlockCopy(a, 0, a, 1, 1); }", "CS0234", "'Buffer'")]
    [InlineData("bool M(string s) { return s.StartsWith(\"x\"); }", "CS1061", "'StartsWith'")]
    [InlineData("int M() { return System.Environment.TickCount; }", "CS0117", "'TickCount'")]
    [InlineData("void M() { throw new System.TimeoutException(); }", "CS0234", "'TimeoutException'")]
    [InlineData("bool M(System.Threading.AutoResetEvent e) { return e.WaitOne(10); }", "CS7036", "'WaitHandle.WaitOne(int, bool)'")]
    public void CodeOutsideTheSurfaceFailsWithTheRightDiagnostic(string member, string id, string mentions)
    {
        var (errors, _) = TinyClrReferences.Compile("Gate", [InClass(member)]);
        var error = Assert.Single(errors, e => e.Id == id);
        Assert.Contains(mentions, error.GetMessage());
    }

    [Fact]
    public void CodeUsingOnlyListedMembersCompiles()
    {
        const string source = """
            using System;
            using System.Collections;
            using System.Threading;
            using GHIElectronics.TinyCLR.Devices.Uart;
            using GHIElectronics.TinyCLR.Devices.Network;
            using GHIElectronics.TinyCLR.Devices.Gpio;
            namespace Gate
            {
                public delegate void ChangedHandler(object sender, int value);
                public class Consumer
                {
                    public event ChangedHandler Changed;
                    private readonly object sync = new object();
                    public int Run(byte[] a)
                    {
                        var uart = UartController.FromName("GHIElectronics.TinyCLR.NativeApis.STM32H7.UartController\\2");
                        uart.SetActiveSettings(new UartSetting { BaudRate = 115200, DataBits = 8, Handshaking = UartHandshake.RequestToSend });
                        var b = new byte[a.Length];
                        Array.Copy(a, 0, b, 0, a.Length);
                        var table = new Hashtable();
                        table["x"] = 1;
                        var list = new ArrayList { 1, 2 };
                        int sum = 0;
                        foreach (int i in list) sum += i;
                        var done = new AutoResetEvent(false);
                        var t = new Thread(() => { lock (sync) { sum++; } done.Set(); });
                        t.Start();
                        done.WaitOne(1000, false);
                        Changed?.Invoke(this, sum);
                        var text = $"sum={sum} ticks={DateTime.UtcNow.Ticks}";
                        switch (text) { case "a": return 1; }
                        using (var pin = GpioController.GetDefault().OpenPin(1)) { pin.Write(GpioPinValue.High); }
                        return table.Contains("x") ? sum : System.Text.Encoding.UTF8.GetBytes(text).Length;
                    }
                    public NetworkController Controller(GHIElectronics.TinyCLR.Devices.Network.Provider.INetworkControllerProvider p) => NetworkController.FromProvider(p);
                }
            }
            """;
        var (errors, image) = TinyClrReferences.Compile("Gate", [source]);
        Assert.Empty(errors);
        Assert.NotEmpty(image);
    }
}
