namespace Millwright.NanoGate;

/// <summary>The gate as a library: check one assembly against nanoFramework's mscorlib and our gated assemblies.</summary>
public static class AssemblyGate
{
    public static GateReport Check(GateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var surface = ApiSurface.Load(request.MscorlibPath, request.AllowedReferencePaths);
        using var target = LoadedAssembly.Open(request.AssemblyPath);
        return new AssemblyInspection(target, surface).Run();
    }
}
