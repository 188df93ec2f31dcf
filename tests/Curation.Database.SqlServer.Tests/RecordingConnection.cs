using System.Collections;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Curation.Database.SqlServer.Tests;

/// <summary>
/// A connection that runs nothing and records every statement sent through it, with its parameters, and every
/// transaction begun, committed or rolled back: what a <see cref="Session"/> would send to a SQL Server, written out
/// as T-SQL for a golden file. Statements affect one row; queries return no row.
/// </summary>
internal sealed class RecordingConnection : DbConnection
{
    private readonly StringBuilder log = new();
    private ConnectionState state = ConnectionState.Open;

    public string Log => log.ToString();

    [AllowNull]
    public override string ConnectionString { get; set; } = "";

    public override string Database => "WSA";

    public override string DataSource => "recording";

    public override string ServerVersion => "0";

    public override ConnectionState State => state;

    public override void ChangeDatabase(string databaseName) => throw new NotSupportedException();

    public override void Close() => state = ConnectionState.Closed;

    public override void Open() => state = ConnectionState.Open;

    internal void Record(string text) => log.Append(text).Append('\n');

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel)
    {
        Record($"-- BeginTransaction({isolationLevel})\nBEGIN TRANSACTION;");
        return new RecordingTransaction(this, isolationLevel);
    }

    protected override DbCommand CreateDbCommand() => new RecordingCommand(this);

    private sealed class RecordingTransaction(RecordingConnection connection, IsolationLevel isolationLevel) : DbTransaction
    {
        public override IsolationLevel IsolationLevel => isolationLevel;

        protected override DbConnection DbConnection => connection;

        public override void Commit() => connection.Record("COMMIT TRANSACTION;");

        public override void Rollback() => connection.Record("ROLLBACK TRANSACTION;");
    }

    private sealed class RecordingCommand(RecordingConnection connection) : DbCommand
    {
        private readonly RecordingParameters parameters = new();

        [AllowNull]
        public override string CommandText { get; set; } = "";

        public override int CommandTimeout { get; set; }

        public override CommandType CommandType { get; set; } = CommandType.Text;

        public override bool DesignTimeVisible { get; set; }

        public override UpdateRowSource UpdatedRowSource { get; set; }

        protected override DbConnection? DbConnection { get; set; } = connection;

        protected override DbParameterCollection DbParameterCollection => parameters;

        protected override DbTransaction? DbTransaction { get; set; }

        public override void Cancel()
        {
        }

        public override int ExecuteNonQuery()
        {
            Record();
            return 1;
        }

        public override object? ExecuteScalar()
        {
            Record();
            return null;
        }

        public override void Prepare()
        {
        }

        protected override DbParameter CreateDbParameter() => new RecordingParameter();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
        {
            Record();
            return new DataTable().CreateDataReader();
        }

        private void Record()
        {
            var sb = new StringBuilder();
            foreach (var p in parameters.Items.OrderBy(p => p.ParameterName, StringComparer.Ordinal))
                sb.Append(CultureInfo.InvariantCulture, $"-- @{p.ParameterName.TrimStart('@')} = {Show(p.Value)} ({Type(p)})\n");
            sb.Append(CommandText.TrimEnd()).Append(CommandText.TrimEnd().EndsWith(';') ? "" : ";");
            if (DbTransaction is null)
                sb.Insert(0, "-- (no transaction)\n");
            connection.Record(sb.ToString());
        }

        /// <summary>The value's .NET type, and the DbType Dapper gave (SqlClient infers one from the value when none is given).</summary>
        private static string Type(DbParameter p) =>
            (p.Value is null or DBNull ? "null" : p.Value.GetType().Name)
            + (((RecordingParameter)p).DbTypeGiven ? $", DbType.{p.DbType}" + (p.Size != 0 ? string.Create(CultureInfo.InvariantCulture, $", size {p.Size}") : "") : ", no DbType");

        private static string Show(object? value) => value switch
        {
            null or DBNull => "NULL",
            string s => $"'{s.Replace("'", "''", StringComparison.Ordinal)}'",
            DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }

    private sealed class RecordingParameter : DbParameter
    {
        private DbType dbType;

        public bool DbTypeGiven { get; private set; }

        public override DbType DbType
        {
            get => dbType;
            set
            {
                dbType = value;
                DbTypeGiven = true;
            }
        }

        public override ParameterDirection Direction { get; set; } = ParameterDirection.Input;

        public override bool IsNullable { get; set; }

        [AllowNull]
        public override string ParameterName { get; set; } = "";

        public override int Size { get; set; }

        [AllowNull]
        public override string SourceColumn { get; set; } = "";

        public override bool SourceColumnNullMapping { get; set; }

        public override object? Value { get; set; }

        public override void ResetDbType() => (dbType, DbTypeGiven) = (DbType.Object, false);
    }

    private sealed class RecordingParameters : DbParameterCollection
    {
        public List<DbParameter> Items { get; } = [];

        public override int Count => Items.Count;

        public override object SyncRoot => Items;

        public override int Add(object value)
        {
            Items.Add((DbParameter)value);
            return Items.Count - 1;
        }

        public override void AddRange(Array values)
        {
            foreach (var v in values)
                Add(v);
        }

        public override void Clear() => Items.Clear();

        public override bool Contains(object value) => Items.Contains((DbParameter)value);

        public override bool Contains(string value) => IndexOf(value) >= 0;

        public override void CopyTo(Array array, int index) => ((ICollection)Items).CopyTo(array, index);

        public override IEnumerator GetEnumerator() => Items.GetEnumerator();

        public override int IndexOf(object value) => Items.IndexOf((DbParameter)value);

        public override int IndexOf(string parameterName) => Items.FindIndex(p => p.ParameterName == parameterName);

        public override void Insert(int index, object value) => Items.Insert(index, (DbParameter)value);

        public override void Remove(object value) => Items.Remove((DbParameter)value);

        public override void RemoveAt(int index) => Items.RemoveAt(index);

        public override void RemoveAt(string parameterName) => Items.RemoveAt(IndexOf(parameterName));

        protected override DbParameter GetParameter(int index) => Items[index];

        protected override DbParameter GetParameter(string parameterName) => Items[IndexOf(parameterName)];

        protected override void SetParameter(int index, DbParameter value) => Items[index] = value;

        protected override void SetParameter(string parameterName, DbParameter value) => Items[IndexOf(parameterName)] = value;
    }
}
