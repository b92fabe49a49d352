using System.Net;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;

namespace Esp32At.Tests.Emulator;

/// <summary>The emulator's JSON config file and how command-line options override it.</summary>
public class ConfigFileTests
{
    private const string Full = """
        {
          // comments and trailing commas are allowed
          "listen": "127.0.0.1:6000",
          "pty": true,
          "log": "uart.log",
          "profile": "v3.3.0-c3",
          "speed": 0.5,
          "baud": 921600,
          "accessPoints": ["Lab,pw123456,-60,11", "Open,,-70,1,OPEN"],
          "dns": { "example.test": "127.0.0.1" },
          "bootTimeMs": 100,
          "stationIp": "10.0.0.7",
          "uartPacing": false,
        }
        """;

    [Fact]
    public void EveryKeyReachesTheOptions()
    {
        var config = EmulatorConfigFile.Parse(Full);
        Assert.Equal("127.0.0.1:6000", config.Listen);
        Assert.True(config.Pty);
        Assert.Equal("uart.log", config.Log);
        var options = config.ToEmulatorOptions();
        Assert.Equal(FirmwareProfile.Named("v3.3.0-c3"), options.Profile);
        Assert.Equal(0.5, options.SpeedFactor);
        Assert.Equal(921600, options.BaudRate);
        Assert.Equal(["Lab", "Open"], options.AccessPoints.Select(a => a.Ssid));
        Assert.Equal(100, options.BootTimeMs);
        Assert.Equal("10.0.0.7", options.StationIp);
        Assert.False(options.UartPacing);
        Assert.Equal([("example.test", IPAddress.Loopback)], config.DnsEntries());
    }

    [Fact]
    public void WhatTheFileLeavesOutKeepsItsDefault()
    {
        var options = EmulatorConfigFile.Parse("{}").ToEmulatorOptions();
        Assert.Equal(new EmulatorOptions().BaudRate, options.BaudRate);
        Assert.Equal(new EmulatorOptions().SpeedFactor, options.SpeedFactor);
        Assert.Equal(new EmulatorOptions().Profile, options.Profile);
        Assert.Equal(new EmulatorOptions().AccessPoints.Select(a => a.Ssid), options.AccessPoints.Select(a => a.Ssid));
    }

    [Fact]
    public void CommandLineValuesOverrideTheFile()
    {
        var file = EmulatorConfigFile.Parse(Full);
        var cli = new EmulatorConfigFile { Baud = 115200, Dns = EmulatorConfigFile.ParseDns(["other.test=10.1.2.3"]) };
        var merged = file.OverriddenBy(cli);
        var options = merged.ToEmulatorOptions();
        Assert.Equal(115200, options.BaudRate);         // from the command line
        Assert.Equal(0.5, options.SpeedFactor);         // from the file
        Assert.Equal("127.0.0.1:6000", merged.Listen);  // from the file
        Assert.Equal(100, options.BootTimeMs);
        Assert.Equal([("other.test", IPAddress.Parse("10.1.2.3"))], merged.DnsEntries());
    }

    [Fact]
    public void AnUnknownKeyIsAnErrorListingTheKnownOnes()
    {
        var e = Assert.Throws<FormatException>(() => EmulatorConfigFile.Parse("""{ "bootTime": 5 }""").ToEmulatorOptions());
        Assert.Contains("'bootTime'", e.Message);
        Assert.Contains("bootTimeMs", e.Message);
    }

    [Fact]
    public void ADnsNameCanHaveAnIpv4AndAnIpv6Address()
    {
        var config = EmulatorConfigFile.Parse("""{ "dns": { "v6.test": "::1", "dual.test": "10.0.0.7, 2001:db8::7" } }""");
        Assert.Equal([("v6.test", IPAddress.IPv6Loopback), ("dual.test", IPAddress.Parse("10.0.0.7")), ("dual.test", IPAddress.Parse("2001:db8::7"))],
            config.DnsEntries());
        Assert.Equal("::1", EmulatorConfigFile.ParseDns(["v6.test=::1"])["v6.test"]);
    }

    [Fact]
    public void AWrongTypeOrBadAddressIsAnError()
    {
        Assert.Throws<FormatException>(() => EmulatorConfigFile.Parse("""{ "bootTimeMs": "soon" }""").ToEmulatorOptions());
        Assert.Throws<FormatException>(() => EmulatorConfigFile.Parse("""{ "dns": { "a.test": "localhost" } }""").DnsEntries().ToList());
        Assert.Throws<FormatException>(() => EmulatorConfigFile.Parse("""{ "dns": { "a.test": "127.0.0.1,::1," } }""").DnsEntries().ToList());
        Assert.Throws<FormatException>(() => EmulatorConfigFile.ParseDns(["no-equals-sign"]));
    }

    [Fact]
    public void LoadNamesTheFileInErrors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"esp-at-config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{ not json");
        try
        {
            var e = Assert.Throws<FormatException>(() => EmulatorConfigFile.Load(path));
            Assert.StartsWith(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MdnsServicesAndTheColdClockReachTheOptions()
    {
        var config = EmulatorConfigFile.Parse("""
            { "mdnsServices": ["Office Printer,_http._tcp,printer,192.168.1.20,80,path=/;note=2nd floor", "Files,_smb._tcp,nas,192.168.1.30,445"],
              "clockSetAtStart": false, "sslPassiveLengthQuirk": true }
            """);
        var options = config.ToEmulatorOptions();
        var printer = options.LanServices[0];
        Assert.Equal(("Office Printer", "_http._tcp", "printer", "192.168.1.20", 80), (printer.Instance, printer.ServiceType, printer.Host, printer.Address, printer.Port));
        Assert.Equal(["path=/", "note=2nd floor"], options.LanServices[0].Txt);
        Assert.Equal((445, 0), (options.LanServices[1].Port, options.LanServices[1].Txt.Count));
        Assert.False(options.ClockSetAtStart);
        Assert.True(options.SslPassiveLengthQuirk);
        Assert.Throws<ArgumentException>(() => Esp32At.Emulator.Mdns.MdnsService.Parse("x,_http._tcp,h,not-an-ip,80"));
    }
}
