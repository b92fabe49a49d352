using System.Text;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Network;

namespace Esp32At.Emulator.Commands;

/// <summary>
/// AT+SYSMFG (v3.2+, spec §2.1, §6): list namespaces, erase, read and write the mfg_nvs values in
/// <see cref="EspEmulator.Mfg"/>: integers (types 1-6) inline, strings and binaries (types 7, 8) after a <c>&gt;</c>.
/// This is how certificates for SSL links are provisioned at run time.
/// </summary>
public static class SysMfgCommands
{
    public static void Register(EspEmulator emulator)
    {
        if (emulator.Profile.HasSysMfg) emulator.Commands.Register("SYSMFG", SysMfg);
    }

    private static void SysMfg(CommandContext c)
    {
        var mfg = c.Emulator.Mfg;
        if (c.Line.Kind == CommandKind.Query)
        {
            foreach (var ns in mfg.Namespaces) c.Info($"+SYSMFG:\"{ns}\"");
            return;
        }
        if (c.Line.Kind != CommandKind.Set) throw new CommandException();
        switch (c.Line.Int(0))
        {
            case 0: Erase(c, mfg); break;
            case 1: Read(c, mfg); break;
            case 2: Write(c, mfg); break;
            default: throw new CommandException("0x01070000");
        }
    }

    private static void Erase(CommandContext c, MfgStore mfg)
    {
        if (c.Line.Count is < 2 or > 3) throw new CommandException("0x01060000");
        string? key = c.Line.Count == 3 ? c.Line.String(2) : null;
        if (!mfg.Erase(c.Line.String(1), key)) throw new CommandException("0x010a0000");
    }

    private static void Read(CommandContext c, MfgStore mfg)
    {
        int count = c.Line.Count;
        if (count is not (1 or 2 or 3 or 5)) throw new CommandException("0x01060000");
        if (count == 1)
        {
            foreach (var ns in mfg.Namespaces) List(c, mfg, ns);
            return;
        }
        var space = c.Line.String(1);
        if (count == 2)
        {
            if (mfg.Entries(space).Count == 0) throw new CommandException("0x010a0000");
            List(c, mfg, space);
            return;
        }
        var key = c.Line.String(2);
        var value = mfg.Get(space, key) ?? throw new CommandException("0x010a0000");
        var head = $"+SYSMFG:\"{space}\",\"{key}\",{value.Type},";
        if (!value.IsBlob)
        {
            c.Info(head + value.Number);
            return;
        }
        long offset = count == 5 ? c.Line.Int(3) : 0;
        long length = count == 5 ? c.Line.Int(4) : value.Bytes.Length - offset;
        if (offset < 0 || offset > value.Bytes.Length) throw new CommandException("0x01070003");
        if (length < 0 || offset + length > value.Bytes.Length) throw new CommandException("0x01070004");
        var text = Encoding.ASCII.GetBytes(head + length + ",");
        c.Emulator.Output([.. text, .. value.Bytes.AsSpan((int)offset, (int)length), (byte)'\r', (byte)'\n']);
    }

    private static void List(CommandContext c, MfgStore mfg, string ns)
    {
        foreach (var (key, value) in mfg.Entries(ns)) c.Info($"+SYSMFG:\"{ns}\",\"{key}\",{value.Type}");
    }

    private static void Write(CommandContext c, MfgStore mfg)
    {
        if (c.Line.Count != 5) throw new CommandException("0x01060000");
        var space = c.Line.String(1);
        var key = c.Line.String(2);
        if (space.Length == 0 || space.Length > 15) throw new CommandException("0x01070001"); // NVS names: at most 15 characters
        if (key.Length == 0 || key.Length > 15) throw new CommandException("0x01070002");
        long type = c.Line.Int(3);
        long value = c.Line.Int(4);
        if (type is 7 or 8)
        {
            if (value < 1) throw new CommandException("0x01070004");
            var data = c.ReadData((int)value, "\r\nOK\r\n\r\n>");
            mfg.Set(space, key, MfgValue.Blob(data, (int)type));
            return;
        }
        var (min, max) = type switch
        {
            1 => (0L, (long)byte.MaxValue),
            2 => (sbyte.MinValue, sbyte.MaxValue),
            3 => (0L, ushort.MaxValue),
            4 => (short.MinValue, short.MaxValue),
            5 => (0L, uint.MaxValue),
            6 => (int.MinValue, int.MaxValue),
            _ => throw new CommandException("0x01070003"),
        };
        if (value < min || value > max) throw new CommandException("0x01070004");
        mfg.Set(space, key, MfgValue.Integer((int)type, value));
    }
}
