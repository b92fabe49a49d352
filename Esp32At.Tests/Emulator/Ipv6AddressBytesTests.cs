using Esp32At.Emulator.Core;
using Esp32At.Emulator.Network;
using Esp32At.Emulator.Profiles;
using Esp32At.Emulator.Radio;

namespace Esp32At.Tests.Emulator;

/// <summary>
/// AT+CIPV6 and the station's IPv6 addresses, byte for byte as docs/esp-at-ipv6.md ("AT+CIPV6", "Addresses and their
/// notices") writes them down from Espressif's TCP-IP/Wi-Fi AT docs and the cores' format strings.
/// </summary>
public class Ipv6AddressBytesTests
{
    private const string Ll = "FE80::3685:18FF:FE6A:2B10", Gl = "2001:DB8:5E:1:3685:18FF:FE6A:2B10";

    public static TheoryData<string> Profiles => new() { "v2.2.0-c3", "v3.3.0-c3", "v4.0.0-c6", "v4.1.1-c3" };

    private static RawPort Port(string profile = "v4.1.1-c3", bool apIpv6 = true)
    {
        var options = new EmulatorOptions
        {
            Profile = FirmwareProfile.Named(profile), SpeedFactor = 0, BootTimeMs = 0,
            AccessPoints = [new AccessPoint("Home", "secret-pass", Bssid: "5e:b1:86:92:aa:44") { Ipv6 = apIpv6 }],
        };
        var port = new RawPort(options: options);
        port.Command("ATE0");
        return port;
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void CipV6IsAQueryAndSetFlagDefaultingTo0(string profile)
    {
        using var port = Port(profile);
        Assert.Equal("+CIPV6:0\r\n\r\nOK\r\n", port.Command("AT+CIPV6?"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPV6=1"));
        Assert.Equal("+CIPV6:1\r\n\r\nOK\r\n", port.Command("AT+CIPV6?"));
        port.Command("AT+SYSLOG=1");
        Assert.Equal("ERR CODE:0x01070000\r\n\r\nERROR\r\n", port.Command("AT+CIPV6=2", "\r\nERROR\r\n"));
        Assert.EndsWith("\r\nERROR\r\n", port.Command("AT+CIPV6", "\r\nERROR\r\n"));
        Assert.Equal("+CIPV6:1\r\n\r\nOK\r\n", port.Command("AT+CIPV6?"));
        Assert.Contains("\"AT+CIPV6\",0,1,1,0", port.Command("AT+CMD?"));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void WithCipV6TheJoinIsFollowedByTheLlAndGlNoticesAfterOk(string profile)
    {
        using var port = Port(profile);
        port.Command("AT+CIPV6=1");
        Assert.Equal("WIFI CONNECTED\r\nWIFI GOT IP\r\n\r\nOK\r\nWIFI GOT IPv6 LL\r\nWIFI GOT IPv6 GL\r\n",
            port.Command("AT+CWJAP=\"Home\",\"secret-pass\"", "WIFI GOT IPv6 GL\r\n"));
        Assert.Equal("+CIPSTA:ip:\"192.168.1.50\"\r\n+CIPSTA:gateway:\"192.168.1.1\"\r\n+CIPSTA:netmask:\"255.255.255.0\"\r\n" +
            $"+CIPSTA:ip6ll:\"{Ll}\"\r\n+CIPSTA:ip6gl:\"{Gl}\"\r\n\r\nOK\r\n", port.Command("AT+CIPSTA?"));
        Assert.Equal($"+CIFSR:STAIP,\"192.168.1.50\"\r\n+CIFSR:STAIP6LL,\"{Ll}\"\r\n+CIFSR:STAIP6GL,\"{Gl}\"\r\n" +
            "+CIFSR:STAMAC,\"34:85:18:6a:2b:10\"\r\n\r\nOK\r\n", port.Command("AT+CIFSR"));
    }

    [Fact]
    public void WithoutCipV6ThereAreNoNoticesAndNoIp6Lines()
    {
        using var port = Port();
        Assert.Equal("WIFI CONNECTED\r\nWIFI GOT IP\r\n\r\nOK\r\n", port.Command("AT+CWJAP=\"Home\",\"secret-pass\""));
        Assert.Equal("+CIPSTA:ip:\"192.168.1.50\"\r\n+CIPSTA:gateway:\"192.168.1.1\"\r\n+CIPSTA:netmask:\"255.255.255.0\"\r\n\r\nOK\r\n",
            port.Command("AT+CIPSTA?"));
        // Enabled while connected: the addresses come with the next join.
        port.Command("AT+CIPV6=1");
        Assert.Equal(0, port.Pending);
        Assert.DoesNotContain("ip6", port.Command("AT+CIPSTA?"));
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        port.ReadUntil("WIFI GOT IPv6 GL\r\n");
        Assert.Contains($"+CIPSTA:ip6ll:\"{Ll}\"\r\n", port.Command("AT+CIPSTA?"));
        // Off: the addresses are gone at once.
        port.Command("AT+CIPV6=0");
        Assert.DoesNotContain("ip6", port.Command("AT+CIPSTA?"));
        Assert.DoesNotContain("IP6", port.Command("AT+CIFSR"));
    }

    [Fact]
    public void AnApWithoutIpv6GivesOnlyTheLinkLocalAddress()
    {
        using var port = Port(apIpv6: false);
        port.Command("AT+CIPV6=1");
        Assert.Equal("WIFI CONNECTED\r\nWIFI GOT IP\r\n\r\nOK\r\nWIFI GOT IPv6 LL\r\n", port.Command("AT+CWJAP=\"Home\",\"secret-pass\"", "LL\r\n"));
        Assert.EndsWith($"+CIPSTA:ip6ll:\"{Ll}\"\r\n\r\nOK\r\n", port.Command("AT+CIPSTA?"));
        Assert.Equal(0, port.Pending);
    }

    [Fact]
    public void CipV6IsStoredWithSysStoreAndTheAutoConnectBringsTheNoticesAfterGotIp()
    {
        using var port = Port();
        port.Command("AT+CIPV6=1");
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        port.ReadUntil("GL\r\n");
        port.Send("AT+RST\r\n");
        Assert.Equal("\r\nOK\r\n\r\nready\r\nWIFI CONNECTED\r\nWIFI GOT IP\r\nWIFI GOT IPv6 LL\r\nWIFI GOT IPv6 GL\r\n", port.ReadUntil("GL\r\n"));
        port.Command("ATE0");
        Assert.Equal("+CIPV6:1\r\n\r\nOK\r\n", port.Command("AT+CIPV6?"));
        port.Command("AT+SYSSTORE=0");
        port.Command("AT+CIPV6=0");
        port.Send("AT+RST\r\n");
        port.ReadUntil("GL\r\n"); // SYSSTORE=0 did not store the 0
        port.Command("ATE0");
        port.Send("AT+RESTORE\r\n");
        port.ReadUntil("ready\r\n");
        port.Command("ATE0");
        Assert.Equal("+CIPV6:0\r\n\r\nOK\r\n", port.Command("AT+CIPV6?"));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void CipDnsTakesIpv6ServersAndPrintsThemInLwipText(string profile)
    {
        using var port = Port(profile);
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPDNS=1,\"240c::6666\",\"2001:4860:4860:0:0:0:0:8888\",\"8.8.8.8\""));
        Assert.Equal("+CIPDNS:1,\"240C::6666\",\"2001:4860:4860::8888\",\"8.8.8.8\"\r\n\r\nOK\r\n", port.Command("AT+CIPDNS?"));
        port.Command("AT+SYSLOG=1");
        Assert.Equal("ERR CODE:0x01070001\r\n\r\nERROR\r\n", port.Command("AT+CIPDNS=1,\"240c::66666\"", "\r\nERROR\r\n"));
        Assert.Equal("ERR CODE:0x01070002\r\n\r\nERROR\r\n", port.Command("AT+CIPDNS=1,\"240c::6666\",\"240c:0::6666\"", "\r\nERROR\r\n")); // the same server twice
    }

    [Theory]
    [InlineData("::1", "::1")]
    [InlineData("fe80::3685:18ff:fe6a:2b10", "FE80::3685:18FF:FE6A:2B10")]
    [InlineData("2001:db8:0:0:1:0:0:1", "2001:DB8::1:0:0:1")] // lwIP: the first run of zeros (RFC 5952 would give 2001:db8:0:0:1::1)
    [InlineData("2001:0DB8:0:1:0:0:0:0", "2001:DB8:0:1::")]
    [InlineData("2001:db8:0:1:1:1:1:1", "2001:DB8:0:1:1:1:1:1")] // a single zero group stays
    [InlineData("::", "::")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    public void AddressesArePrintedAsLwipPrintsThem(string address, string text) =>
        Assert.Equal(text, Ipv6Text.Of(System.Net.IPAddress.Parse(address)));
}
