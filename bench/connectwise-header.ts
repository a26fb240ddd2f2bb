/** The columns of the generated ConnectWise Manage export the reader and import benches write (one row per contact). */
export const CONNECTWISE_HEADER = [
  'Company ID',
  'Company Name',
  'Company Status',
  'Company Type',
  'Phone Number',
  'Address Line 1',
  'City',
  'State',
  'Zip',
  'Contact ID',
  'First Name',
  'Last Name',
  'Title',
  'Email',
  'Direct',
  'Mobile',
];
