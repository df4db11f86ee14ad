namespace Millwright.NanoGate;

/// <summary>Entry point: <c>Millwright.NanoGate &lt;assembly.dll&gt; --mscorlib &lt;mscorlib.dll&gt; [--reference &lt;gated.dll&gt;]... [--msbuild]</c>.</summary>
public static class Program
{
    public static int Main(string[] args) => GateCommand.Run(args, Console.Out, Console.Error);
}
