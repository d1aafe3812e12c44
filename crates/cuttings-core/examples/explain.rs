fn main() {
    let args: Vec<String> = std::env::args().collect();
    let conn = rusqlite::Connection::open(&args[1]).unwrap();
    let sql = &args[2];
    let mut st = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let rows = st
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(3)?,
            ))
        })
        .unwrap();
    for r in rows {
        let (id, parent, d) = r.unwrap();
        println!("{id} {parent} {d}");
    }
    let t = std::time::Instant::now();
    let mut st = conn.prepare(sql).unwrap();
    let n = st.query_map([], |_| Ok(())).unwrap().count();
    println!("{n} rows in {:?}", t.elapsed());
}
