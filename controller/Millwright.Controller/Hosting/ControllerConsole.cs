namespace Millwright.Controller.Hosting;

/// <summary>
/// Where the controller tells its operator things that must not go to the logs: the API token, shown once at
/// first start. The `serve` verb passes the terminal; tests pass a writer they read.
/// </summary>
public sealed class ControllerConsole(TextWriter output)
{
    public TextWriter Output { get; } = output;
}
