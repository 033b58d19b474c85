/** The heading of a sign-in, registration or password page, with its introduction below when it has one. */
export function PublicHeading({ title, intro }: { title: string; intro?: React.ReactNode }) {
  return (
    <>
      <h1 className={`${intro ? "mb-2" : "mb-6"} text-2xl font-semibold`}>{title}</h1>
      {intro ? <p className="mb-6 text-slate-700">{intro}</p> : null}
    </>
  );
}
