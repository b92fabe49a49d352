using Esp32At.CircuitPython;
using Esp32At.CircuitPython.Mdns;
using Esp32At.Engine;

namespace Esp32At.Tests.CircuitPython;

/// <summary>mdns.Server and the esp32at module over the emulator.</summary>
[Collection(CircuitPythonWifiCollection.Name)]
public sealed class MdnsAndModuleTests
{
    [Fact]
    public void ServerDefaultsToTheCoreHostNameAndAdvertisesWithTxtRecords()
    {
        using var f = new CircuitPythonWifi();
        var server = new Server(f.Radio);
        Assert.Equal("cpy-6a2b10", server.Hostname); // station MAC 34:85:18:6a:2b:10, no colons (seed bug B26)
        Assert.Equal("cpy-6a2b10", server.InstanceName);
        Assert.Throws<ArgumentException>(() => server.Hostname = "cpy:aa");
        server.InstanceName = "Board";
        f.Radio.Connect("Home", "secret-pass");
        f.Mark();
        server.AdvertiseService("_http", "_tcp", 80, ["path=/", "ver=1.0"]);
        server.Deinit();
        Assert.Equal("AT+MDNS=1,\"cpy-6a2b10\",\"_http\",80,\"Board\",\"_tcp\",2,\"path\",\"/\",\"ver\",\"1.0\"\r\nAT+MDNS=0\r\n", f.WrittenSinceMark);
    }

    [Fact]
    public void ModuleRunsRawCommandsAndReportsTheFirmware()
    {
        using var f = new CircuitPythonWifi();
        var lines = Esp32AtModule.Execute("AT+CWSTATE?");
        Assert.Equal("+CWSTATE:0,\"\"", Assert.Single(lines, l => l.Length > 0));
        Assert.Single(Esp32AtModule.Execute("AT+GMR", "Bin version:", 2000));
        Assert.Equal(4, Esp32AtModule.FirmwareVersion.Major);
        Assert.StartsWith("AT version:4.1.1.0", Esp32AtModule.AtVersion);
        Assert.Throws<AtCommandException>(() => Esp32AtModule.Execute("AT+NOSUCH"));
        Assert.Throws<ArgumentException>(() => Esp32AtModule.Execute("AT\r\nAT+RST"));
    }

    [Fact]
    public void SntpTimeComesFromTheEsp()
    {
        using var f = new CircuitPythonWifi();
        f.Radio.Connect("Home", "secret-pass");
        Esp32AtModule.ConfigureSntp(true, 0, null);
        Assert.True(Esp32AtModule.WaitForTimeUpdate(10_000));
        Assert.InRange(Esp32AtModule.SntpTime(), DateTime.UtcNow.AddMinutes(-2), DateTime.UtcNow.AddMinutes(2));
    }

    [Fact]
    public void SoftResetRestoresTheNetworkAndFactoryResetDoesNot()
    {
        using var f = new CircuitPythonWifi();
        f.Radio.Connect("Home", "secret-pass");
        Assert.True(Esp32AtModule.SoftReset());
        Assert.True(f.Radio.Connected);
        Assert.True(Esp32AtModule.FactoryReset());
        Assert.False(f.Radio.Connected);
    }
}
