namespace Esp32At.Tests.Demos;

/// <summary>
/// The demos run whole apps in-process, and the CircuitPython face keeps one ESP per process (<c>wifi</c> is a module):
/// they run one at a time and not alongside other tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DemoCollection
{
    public const string Name = "Demos (one app at a time)";
}
