using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Text;

namespace Millwright.NanoGate;

/// <summary>One pass over a gated assembly: its references, then every type, field and method it defines.</summary>
internal sealed class AssemblyInspection
{
    private const int ByteLimit = byte.MaxValue;
    private const int TableLimit = ushort.MaxValue;

    private readonly LoadedAssembly _target;
    private readonly ApiSurface _surface;
    private readonly MetadataReader _reader;
    private readonly ReferenceChecker _references;
    private readonly List<GateViolation> _violations = new();
    private readonly HashSet<GateViolation> _seen = new();
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private int _types;
    private int _methods;
    private int _byteCode;

    public AssemblyInspection(LoadedAssembly target, ApiSurface surface)
    {
        _target = target;
        _surface = surface;
        _reader = target.Reader;
        _references = new ReferenceChecker(_reader, surface);
    }

    public GateReport Run()
    {
        CheckAssemblyReferences();
        CheckAttributes(_target.Name, _reader.GetAssemblyDefinition().GetCustomAttributes());
        CheckAttributes(_target.Name, _reader.GetModuleDefinition().GetCustomAttributes());
        foreach (var type in _reader.TypeDefinitions)
        {
            new TypeInspection(this, type).Run();
        }

        SweepUnattributedReferences();
        CheckTableSizes();
        return new GateReport(_target.Name, _violations, _types, _methods);
    }

    internal MetadataReader Reader => _reader;

    internal LoadedAssembly Target => _target;

    internal ReferenceChecker References => _references;

    internal void CountType() => _types++;

    internal void CountMethod() => _methods++;

    internal void AddByteCode(int bytes) => _byteCode += bytes;

    internal void NoteString(string value) => _strings.Add(value);

    internal void Add(GateViolation violation)
    {
        if (_seen.Add(violation))
        {
            _violations.Add(violation);
        }
    }

    internal void AddAll(string subject, IEnumerable<Func<string, GateViolation>> problems)
    {
        foreach (var problem in problems)
        {
            Add(problem(subject));
        }
    }

    /// <summary>Reports whatever is wrong with a referenced type, member or instantiation, as used by <paramref name="subject"/>.</summary>
    internal void Use(string subject, EntityHandle handle)
    {
        if (!handle.IsNil)
        {
            AddAll(subject, _references.ProblemsOf(handle));
        }
    }

    internal void CheckAttributes(string subject, CustomAttributeHandleCollection attributes)
    {
        foreach (var handle in attributes)
        {
            Use(subject, _reader.GetCustomAttribute(handle).Constructor);
        }
    }

    /// <summary>The MetadataProcessor writes these counts as single bytes.</summary>
    internal void CheckByteCount(string subject, string what, int count)
    {
        if (count > ByteLimit)
        {
            Add(GateRules.TooMany(subject, what, count));
        }
    }

    private void CheckAssemblyReferences()
    {
        foreach (var handle in _reader.AssemblyReferences)
        {
            var reference = _reader.GetAssemblyReference(handle);
            var name = _reader.GetString(reference.Name);
            if (!_surface.IsAllowed(name))
            {
                Add(GateRules.AssemblyReference(_target.Name, $"{name} {reference.Version}"));
            }
            else if (name == ApiSurface.MscorlibName && reference.Version != _surface.Mscorlib.Version)
            {
                Add(GateRules.MscorlibVersion(_target.Name, reference.Version, _surface.Mscorlib.Version));
            }
        }

        foreach (var violation in _surface.ReferenceClosureViolations())
        {
            Add(violation);
        }
    }

    // Rows no definition led to (e.g. only named by another row) are still checked, with the assembly as subject.
    private void SweepUnattributedReferences()
    {
        var rows = Rows(TableIndex.TypeSpec, row => MetadataTokens.TypeSpecificationHandle(row))
            .Concat(Rows(TableIndex.MethodSpec, row => MetadataTokens.MethodSpecificationHandle(row)))
            .Concat(_reader.MemberReferences.Select(handle => (EntityHandle)handle))
            .Concat(_reader.TypeReferences.Select(handle => (EntityHandle)handle));
        foreach (var row in rows)
        {
            if (!_references.Used.Contains(row))
            {
                Use(_target.Name, row);
            }
        }
    }

    private IEnumerable<EntityHandle> Rows(TableIndex table, Func<int, EntityHandle> handle)
    {
        var count = _reader.GetTableRowCount(table);
        for (var row = 1; row <= count; row++)
        {
            yield return handle(row);
        }
    }

    // nanoByteCodeTable and nanoStringTable address their contents with 16 bits.
    private void CheckTableSizes()
    {
        if (_byteCode > TableLimit)
        {
            Add(GateRules.TableOverflow(_target.Name, "byte code", _byteCode));
        }

        foreach (var handle in _reader.TypeReferences)
        {
            var type = _reader.GetTypeReference(handle);
            NoteString(_reader.GetString(type.Name));
            NoteString(_reader.GetString(type.Namespace));
        }

        foreach (var handle in _reader.MemberReferences)
        {
            NoteString(_reader.GetString(_reader.GetMemberReference(handle).Name));
        }

        var size = _strings.Sum(value => Encoding.UTF8.GetByteCount(value) + 1);
        if (size > TableLimit)
        {
            Add(GateRules.TableOverflow(_target.Name, "string table", size));
        }
    }
}
