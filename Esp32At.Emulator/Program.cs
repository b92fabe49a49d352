namespace Esp32At.Emulator;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.Error.WriteLine("Esp32At.Emulator: command-line front end not written yet.");
        return 1;
    }
}
