namespace Millwright.NanoGate;

/// <summary>What to check, and against what.</summary>
/// <param name="AssemblyPath">The built assembly to check.</param>
/// <param name="MscorlibPath">nanoFramework's <c>mscorlib.dll</c> (NuGet nanoFramework.CoreLibrary, lib/).</param>
/// <param name="AllowedReferencePaths">Our own gated nano assemblies that <paramref name="AssemblyPath"/> may reference.</param>
public sealed record GateRequest(string AssemblyPath, string MscorlibPath, IReadOnlyList<string> AllowedReferencePaths);
