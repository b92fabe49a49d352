using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;

namespace Esp32At.Tests.Emulator;

/// <summary>Exact bytes of the Wi-Fi and IP settings commands (spec §2.2, §2.3, §8 defaults).</summary>
public class WifiSettingsBytesTests
{
    private static RawPort Port(FirmwareProfile? profile = null)
    {
        var port = new RawPort(profile);
        port.Command("ATE0");
        return port;
    }

    private static string Error(RawPort port, string line) => port.Command(line, "ERROR\r\n");

    [Fact]
    public void CwInitDeinitialisesWifiFromV32()
    {
        using var port = Port();
        Assert.Equal("+CWINIT:1\r\n\r\nOK\r\n", port.Command("AT+CWINIT?"));
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        Assert.Equal("\r\nOK\r\nWIFI DISCONNECT\r\n", port.Command("AT+CWINIT=0", "WIFI DISCONNECT\r\n"));
        Assert.Equal("+CWINIT:0\r\n\r\nOK\r\n", port.Command("AT+CWINIT?"));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CWJAP=\"Home\",\"secret-pass\""));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CWLAP"));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CIFSR"));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CWINIT=2"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CWINIT=1"));
        Assert.Equal("WIFI CONNECTED\r\nWIFI GOT IP\r\n\r\nOK\r\n", port.Command("AT+CWJAP=\"Home\",\"secret-pass\""));

        using var v22 = Port(FirmwareProfile.V2_2_C3);
        Assert.Equal("\r\nERROR\r\n", Error(v22, "AT+CWINIT?"));
    }

    [Fact]
    public void HostnameIsUnquotedUpTo32BytesAndNeedsStationMode()
    {
        using var port = Port();
        Assert.Equal("+CWHOSTNAME:espressif\r\n\r\nOK\r\n", port.Command("AT+CWHOSTNAME?"));
        var name = new string('h', 32);
        Assert.Equal("\r\nOK\r\n", port.Command($"AT+CWHOSTNAME=\"{name}\""));
        Assert.Equal($"+CWHOSTNAME:{name}\r\n\r\nOK\r\n", port.Command("AT+CWHOSTNAME?"));
        Assert.Equal("\r\nERROR\r\n", Error(port, $"AT+CWHOSTNAME=\"{name}x\""));
        port.Command("AT+CWMODE=2");
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CWHOSTNAME=\"esp\""));
    }

    [Fact]
    public void MacsAreLowercaseAndValidated()
    {
        using var port = Port();
        port.Command("AT+CWMODE=3");
        Assert.Equal("+CIPSTAMAC:\"34:85:18:6a:2b:10\"\r\n\r\nOK\r\n", port.Command("AT+CIPSTAMAC?"));
        Assert.Equal("+CIPAPMAC:\"34:85:18:6a:2b:11\"\r\n\r\nOK\r\n", port.Command("AT+CIPAPMAC?"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPSTAMAC=\"1A:BB:CC:DD:EE:FF\""));
        Assert.Equal("+CIPSTAMAC:\"1a:bb:cc:dd:ee:ff\"\r\n\r\nOK\r\n", port.Command("AT+CIPSTAMAC?"));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CIPSTAMAC=\"01:bb:cc:dd:ee:ff\"")); // multicast bit
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CIPSTAMAC=\"ff:ff:ff:ff:ff:ff\""));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CIPSTAMAC=\"00:00:00:00:00:00\""));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CIPSTAMAC=\"1a:bb:cc:dd:ee\""));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CIPAPMAC=\"1a:bb:cc:dd:ee:ff\"")); // same as the station's
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPAPMAC=\"1a:bb:cc:dd:ee:01\""));
        Assert.Equal("+CIFSR:APIP,\"192.168.4.1\"\r\n+CIFSR:APMAC,\"1a:bb:cc:dd:ee:01\"\r\n+CIFSR:STAIP,\"0.0.0.0\"\r\n+CIFSR:STAMAC,\"1a:bb:cc:dd:ee:ff\"\r\n\r\nOK\r\n",
            port.Command("AT+CIFSR"));
    }

    [Fact]
    public void RfPowerInQuarterDbmWithBlePowersFollowingTheAdvertisingOne()
    {
        using var port = Port();
        Assert.Equal("+RFPOWER:80,9,9,9\r\n\r\nOK\r\n", port.Command("AT+RFPOWER?"));
        port.Command("AT+RFPOWER=60");
        Assert.Equal("+RFPOWER:60,9,9,9\r\n\r\nOK\r\n", port.Command("AT+RFPOWER?"));
        port.Command("AT+RFPOWER=84,12");
        Assert.Equal("+RFPOWER:84,12,12,12\r\n\r\nOK\r\n", port.Command("AT+RFPOWER?"));
        port.Command("AT+RFPOWER=40,1,2,3");
        Assert.Equal("+RFPOWER:40,1,2,3\r\n\r\nOK\r\n", port.Command("AT+RFPOWER?"));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+RFPOWER=39"));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+RFPOWER=85"));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+RFPOWER=80,16"));
    }

    [Fact]
    public void CountryDefaultsToChinaAndChecksTheChannelRange()
    {
        using var port = Port();
        Assert.Equal("+CWCOUNTRY:1,\"CN\",1,13\r\n\r\nOK\r\n", port.Command("AT+CWCOUNTRY?"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CWCOUNTRY=0,\"US\",1,11"));
        Assert.Equal("+CWCOUNTRY:0,\"US\",1,11\r\n\r\nOK\r\n", port.Command("AT+CWCOUNTRY?"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CWCOUNTRY=1,\"JP\",1,14"));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CWCOUNTRY=1,\"US\",5,11"));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CWCOUNTRY=2,\"US\",1,11"));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CWCOUNTRY=1,\"U\",1,11"));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CWCOUNTRY=1,\"US\",1"));
    }

    [Fact]
    public void DhcpQueryHasNoLineEndAndStaticAddressesTurnDhcpOff()
    {
        using var port = Port();
        Assert.Equal("+CWDHCP:3\r\nOK\r\n", port.Command("AT+CWDHCP?"));
        Assert.Equal("+CIPSTA:ip:\"0.0.0.0\"\r\n+CIPSTA:gateway:\"0.0.0.0\"\r\n+CIPSTA:netmask:\"0.0.0.0\"\r\n\r\nOK\r\n", port.Command("AT+CIPSTA?"));
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        Assert.Equal("+CIPSTA:ip:\"192.168.1.50\"\r\n+CIPSTA:gateway:\"192.168.1.1\"\r\n+CIPSTA:netmask:\"255.255.255.0\"\r\n\r\nOK\r\n", port.Command("AT+CIPSTA?"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPSTA=\"192.168.1.77\""));
        Assert.Equal("+CIPSTA:ip:\"192.168.1.77\"\r\n+CIPSTA:gateway:\"192.168.1.1\"\r\n+CIPSTA:netmask:\"255.255.255.0\"\r\n\r\nOK\r\n", port.Command("AT+CIPSTA?"));
        Assert.Equal("+CWDHCP:2\r\nOK\r\n", port.Command("AT+CWDHCP?"));
        port.Command("AT+CIPSTA=\"10.0.0.5\",\"10.0.0.254\",\"255.0.0.0\"");
        Assert.Equal("+CIPSTA:ip:\"10.0.0.5\"\r\n+CIPSTA:gateway:\"10.0.0.254\"\r\n+CIPSTA:netmask:\"255.0.0.0\"\r\n\r\nOK\r\n", port.Command("AT+CIPSTA?"));
        Assert.Equal("+CIFSR:STAIP,\"10.0.0.5\"\r\n+CIFSR:STAMAC,\"34:85:18:6a:2b:10\"\r\n\r\nOK\r\n", port.Command("AT+CIFSR"));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CIPSTA=\"10.0.0\""));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CIPSTA=\"10.0.0.5\",\"10.0.0.1\""));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CIPSTA=\"10.0.0.256\""));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CWDHCP=1,1"));
        Assert.Equal("+CWDHCP:3\r\nOK\r\n", port.Command("AT+CWDHCP?"));
        Assert.Equal("+CIPSTA:ip:\"192.168.1.50\"\r\n+CIPSTA:gateway:\"192.168.1.1\"\r\n+CIPSTA:netmask:\"255.255.255.0\"\r\n\r\nOK\r\n", port.Command("AT+CIPSTA?"));
        port.Command("AT+CWDHCP=0,3");
        Assert.Equal("+CWDHCP:0\r\nOK\r\n", port.Command("AT+CWDHCP?"));
        Assert.Equal("+CIPSTA:ip:\"192.168.1.50\"\r\n+CIPSTA:gateway:\"192.168.1.1\"\r\n+CIPSTA:netmask:\"255.255.255.0\"\r\n\r\nOK\r\n", port.Command("AT+CIPSTA?"));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CWDHCP=1,4"));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CWDHCP=2,1"));
    }

    [Fact]
    public void SoftApAddressDefaultsTo192_168_4_1AndNeedsApMode()
    {
        using var port = Port();
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CIPAP?"));
        port.Command("AT+CWMODE=2");
        Assert.Equal("+CIPAP:ip:\"192.168.4.1\"\r\n+CIPAP:gateway:\"192.168.4.1\"\r\n+CIPAP:netmask:\"255.255.255.0\"\r\n\r\nOK\r\n", port.Command("AT+CIPAP?"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPAP=\"192.168.5.1\""));
        Assert.Equal("+CIPAP:ip:\"192.168.5.1\"\r\n+CIPAP:gateway:\"192.168.5.1\"\r\n+CIPAP:netmask:\"255.255.255.0\"\r\n\r\nOK\r\n", port.Command("AT+CIPAP?"));
        Assert.Equal("+CWDHCP:1\r\nOK\r\n", port.Command("AT+CWDHCP?"));
        Assert.Equal("+CIFSR:APIP,\"192.168.5.1\"\r\n+CIFSR:APMAC,\"34:85:18:6a:2b:11\"\r\n\r\nOK\r\n", port.Command("AT+CIFSR"));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CIPSTA?"));
    }

    [Fact]
    public void DnsIsAutomaticUntilSetAndManualServersMustBeDistinct()
    {
        using var port = Port();
        Assert.Equal("+CIPDNS:0,\"208.67.222.222\",\"114.114.114.114\",\"8.8.8.8\"\r\n\r\nOK\r\n", port.Command("AT+CIPDNS?"));
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        Assert.Equal("+CIPDNS:0,\"192.168.1.1\",\"114.114.114.114\",\"8.8.8.8\"\r\n\r\nOK\r\n", port.Command("AT+CIPDNS?"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPDNS=1,\"1.1.1.1\",\"8.8.4.4\""));
        Assert.Equal("+CIPDNS:1,\"1.1.1.1\",\"8.8.4.4\"\r\n\r\nOK\r\n", port.Command("AT+CIPDNS?"));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CIPDNS=1,\"1.1.1.1\",\"1.1.1.1\""));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CIPDNS=1,\"1.1.1\""));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CIPDNS=2"));
        port.Command("AT+CIPDNS=1");
        Assert.Equal("+CIPDNS:1,\"208.67.222.222\",\"114.114.114.114\",\"8.8.8.8\"\r\n\r\nOK\r\n", port.Command("AT+CIPDNS?"));
        port.Command("AT+CIPDNS=0");
        Assert.Equal("+CIPDNS:0,\"192.168.1.1\",\"114.114.114.114\",\"8.8.8.8\"\r\n\r\nOK\r\n", port.Command("AT+CIPDNS?"));
    }

    [Fact]
    public void CifsrListsOnlyActiveInterfaces()
    {
        using var port = Port();
        Assert.Equal("+CIFSR:STAIP,\"0.0.0.0\"\r\n+CIFSR:STAMAC,\"34:85:18:6a:2b:10\"\r\n\r\nOK\r\n", port.Command("AT+CIFSR"));
        port.Command("AT+CWMODE=3");
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        Assert.Equal("+CIFSR:APIP,\"192.168.4.1\"\r\n+CIFSR:APMAC,\"34:85:18:6a:2b:11\"\r\n+CIFSR:STAIP,\"192.168.1.50\"\r\n+CIFSR:STAMAC,\"34:85:18:6a:2b:10\"\r\n\r\nOK\r\n",
            port.Command("AT+CIFSR"));
        Assert.Equal("\r\nOK\r\nWIFI DISCONNECT\r\n", port.Command("AT+CWMODE=0", "WIFI DISCONNECT\r\n")); // leaving station mode disconnects
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIFSR"));
    }

    [Fact]
    public void SettingsReturnToPowerOnValuesAfterAReboot()
    {
        using var port = Port();
        port.Command("AT+SYSSTORE=0"); // nothing goes to flash (PersistenceBytesTests: what SYSSTORE=1 keeps)
        port.Command("AT+CWHOSTNAME=\"probe\"");
        port.Command("AT+CWDHCP=0,1");
        port.Command("AT+CWRECONNCFG=3,3");
        port.Send("AT+RST\r\n");
        port.ReadUntil("ready\r\n");
        port.Command("ATE0");
        Assert.Equal("+CWHOSTNAME:espressif\r\n\r\nOK\r\n", port.Command("AT+CWHOSTNAME?"));
        Assert.Equal("+CWDHCP:3\r\nOK\r\n", port.Command("AT+CWDHCP?"));
        Assert.Equal("+CWRECONNCFG:0,0\r\n\r\nOK\r\n", port.Command("AT+CWRECONNCFG?"));
    }

    [Fact]
    public void WithSysStore1TheSavedSettingsSurviveAReboot()
    {
        using var port = Port();
        port.Command("AT+CWHOSTNAME=\"probe\""); // not persisted (spec §2.2)
        port.Command("AT+CWDHCP=0,1");
        port.Command("AT+CWRECONNCFG=3,3");
        port.Command("AT+CIPDNS=1,\"9.9.9.9\"");
        port.Send("AT+RST\r\n");
        port.ReadUntil("ready\r\n");
        port.Command("ATE0");
        Assert.Equal("+CWHOSTNAME:espressif\r\n\r\nOK\r\n", port.Command("AT+CWHOSTNAME?"));
        Assert.Equal("+CWDHCP:2\r\nOK\r\n", port.Command("AT+CWDHCP?"));
        Assert.Equal("+CWRECONNCFG:3,3\r\n\r\nOK\r\n", port.Command("AT+CWRECONNCFG?"));
        Assert.Equal("+CIPDNS:1,\"9.9.9.9\"\r\n\r\nOK\r\n", port.Command("AT+CIPDNS?"));
    }
}
